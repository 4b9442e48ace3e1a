// The stacked stage bars drawn headlessly and measured from ImGui's draw lists: on a linear axis
// a bar 100 times faster is a sliver; on the log axis it stays readable, and inside every bar the
// stages keep the proportions of their times.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "headless_imgui.hpp"
#include "ui/chart.hpp"

namespace convis {

namespace {

struct Box {
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    float height() const { return y1 - y0; }
};

const ImU32 kUpload = IM_COL32(230, 159, 0, 255);
const ImU32 kKernel = IM_COL32(86, 180, 233, 255);
const ImU32 kDownload = IM_COL32(0, 158, 115, 255);

// The filled rectangles of one colour, wider than `minWidth` (legend swatches are thin lines),
// ordered left to right: ImGui draws a filled rectangle as one quad of four vertices.
std::vector<Box> quadsOf(ImU32 colour, float minWidth) {
    std::vector<Box> boxes;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        const ImVector<ImDrawVert>& v = list->VtxBuffer;
        for (int i = 0; i + 3 < v.Size; ++i) {
            if (v[i].col != colour || v[i + 1].col != colour || v[i + 2].col != colour ||
                v[i + 3].col != colour) {
                continue;
            }
            Box b;
            for (int k = 0; k < 4; ++k) {
                b.x0 = std::min(b.x0, v[i + k].pos.x);
                b.x1 = std::max(b.x1, v[i + k].pos.x);
                b.y0 = std::min(b.y0, v[i + k].pos.y);
                b.y1 = std::max(b.y1, v[i + k].pos.y);
            }
            if (b.x1 - b.x0 > minWidth && b.height() > 0.0f) {
                boxes.push_back(b);
            }
            i += 3;
        }
    }
    std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) { return a.x0 < b.x0; });
    return boxes;
}

// Draws two bars, 100 ms and 1 ms, each 10% upload, 80% kernel, 10% download; returns the
// stage boxes of each bar: [bar][upload, kernel, download].
std::vector<std::vector<Box>> drawBars(bool logY) {
    test::HeadlessImGui imgui(1000.0f, 700.0f);
    ui::StackedBars bars;
    bars.title = "stages";
    bars.yLabel = logY ? "ms, log" : "ms";
    bars.stages = {"upload", "kernel", "download"};
    bars.colours = {kUpload, kKernel, kDownload};
    bars.values = {{10.0, 80.0, 10.0}, {0.1, 0.8, 0.1}};
    bars.barLabels = {"slow", "fast"};
    bars.logY = logY;
    imgui.frames(2, [&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(900, 600));
        ImGui::Begin("bars");
        ui::drawStackedBars("##bars", bars, ImVec2(860, 520));
        ImGui::End();
    });
    std::vector<std::vector<Box>> result(2);
    for (ImU32 colour : {kUpload, kKernel, kDownload}) {
        const std::vector<Box> boxes = quadsOf(colour, 50.0f);
        REQUIRE(boxes.size() == 2);
        result[0].push_back(boxes[0]);
        result[1].push_back(boxes[1]);
    }
    return result;
}

float barHeight(const std::vector<Box>& stages) {
    return stages[0].y1 - stages[2].y0;  // upload at the bottom, download on top
}

}  // namespace

TEST_CASE("stage bars: on a linear axis the fast bar is a sliver, on the log axis it reads") {
    const auto linear = drawBars(false);
    const auto log = drawBars(true);
    CHECK(barHeight(linear[1]) < 0.02f * barHeight(linear[0]));
    // Two decades apart on the log axis: the fast bar keeps a good part of the slow one's height.
    CHECK(barHeight(log[1]) > 0.3f * barHeight(log[0]));
    CHECK(barHeight(log[1]) > 40.0f);
    CHECK(barHeight(log[1]) < barHeight(log[0]));  // still shorter: the order is kept
}

TEST_CASE("stage bars: the stages split each bar in proportion to their times, stacked") {
    for (bool logY : {false, true}) {
        CAPTURE(logY);
        const auto bars = drawBars(logY);
        for (std::size_t b = 0; b < bars.size(); ++b) {
            CAPTURE(b);
            const std::vector<Box>& s = bars[b];
            if (!logY && b == 1) {
                continue;  // a few pixels in all on the linear axis: nothing to measure
            }
            CHECK(s[1].height() == doctest::Approx(8.0f * s[0].height()).epsilon(0.03));
            CHECK(s[2].height() == doctest::Approx(s[0].height()).epsilon(0.03));
            // Stacked bottom-up without gaps or overlaps.
            CHECK(s[1].y1 == doctest::Approx(s[0].y0).epsilon(0.001));
            CHECK(s[2].y1 == doctest::Approx(s[1].y0).epsilon(0.001));
        }
    }
}

}  // namespace convis
