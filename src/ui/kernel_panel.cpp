// Kernel editor panel.
#include "ui/kernel_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/error.hpp"
#include "core/kernel_presets.hpp"
#include "core/kernel_text.hpp"
#include "core/separable_split.hpp"
#include "ui/number_input.hpp"
#include "ui/theme.hpp"

namespace convis::ui {

namespace {

constexpr std::size_t kTextCapacity = 32 * 1024;  // 31 x 31 weights at full precision fit

template <std::size_t N>
void copyText(std::array<char, N>& target, const std::string& text) {
    const std::size_t n = std::min(text.size(), N - 1);
    std::memcpy(target.data(), text.data(), n);
    target[n] = '\0';
}

void copyText(std::vector<char>& target, const std::string& text) {
    std::fill(target.begin(), target.end(), '\0');
    const std::size_t n = std::min(text.size(), target.size() - 1);
    std::memcpy(target.data(), text.data(), n);
}

ImVec4 mixColour(ImVec4 a, ImVec4 b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t,
                  a.w + (b.w - a.w) * t);
}

std::string factorList(const std::vector<float>& values) {
    std::string text;
    const std::size_t shown = std::min<std::size_t>(values.size(), 7);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) {
            text += ' ';
        }
        text += formatShort(values[i], 3);
    }
    if (shown < values.size()) {
        text += " ...";
    }
    return text;
}

ImVec4 itemRect() {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    return ImVec4(min.x, min.y, max.x, max.y);
}

}  // namespace

Kernel resizedKernel(const Kernel& kernel, int width, int height) {
    std::vector<float> weights(static_cast<std::size_t>(width) * static_cast<std::size_t>(height),
                               0.0f);
    const int dx = (width - kernel.width()) / 2;
    const int dy = (height - kernel.height()) / 2;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const int sx = x - dx;
            const int sy = y - dy;
            if (sx >= 0 && sy >= 0 && sx < kernel.width() && sy < kernel.height()) {
                weights[static_cast<std::size_t>(y * width + x)] = kernel.at(sx, sy);
            }
        }
    }
    return Kernel(width, height, std::move(weights));
}

KernelPanel::KernelPanel() : Panel("Kernel"), m_text(kTextCapacity, '\0') {}

ImVec4 KernelPanel::cellRect(int x, int y) const {
    const auto index = static_cast<std::size_t>(y * m_bufferKernel.width() + x);
    return index < m_cellRects.size() ? m_cellRects[index] : ImVec4(0, 0, 0, 0);
}

void KernelPanel::syncBuffers(const ConvRequest& request) {
    const bool kernelChanged = request.kernel != m_bufferKernel || m_cells.empty();
    if (kernelChanged) {
        m_bufferKernel = request.kernel;
        const auto& weights = m_bufferKernel.weights();
        m_cells.assign(weights.size(), CellText{});
        for (std::size_t i = 0; i < weights.size(); ++i) {
            copyText(m_cells[i], formatShort(weights[i], 5));
        }
        copyText(m_text, formatKernelText(m_bufferKernel));
    }
    if (kernelChanged || request.divisor != m_bufferDivisor) {
        m_bufferDivisor = request.divisor;
        copyText(m_divisorText, formatNumber(request.divisor));
    }
}

void KernelPanel::submit(UiContext& context, const ConvRequest& request) {
    try {
        request.validate();
    } catch (const InputError& e) {
        refuse(context, e.what());
        return;
    }
    m_error.clear();
    context.commands.push(SetRequest{request, {}});
}

void KernelPanel::refuse(UiContext& context, const std::string& message) {
    m_error = message;
    context.commands.push(PostMessage{MessageLevel::Error, "kernel: " + message});
}

void KernelPanel::drawContent(UiContext& context) {
    syncBuffers(context.state.request);
    drawPresetAndSize(context);
    ImGui::Spacing();
    drawGrid(context);
    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kTextError);
        ImGui::TextWrapped("Refused: %s", m_error.c_str());
        ImGui::PopStyleColor();
    }
    drawSeparable(context.state.request);
    ImGui::Separator();
    drawPostOps(context);
    ImGui::Separator();
    drawTextFormat(context);
}

void KernelPanel::drawPresetAndSize(UiContext& context) {
    const AppState& state = context.state;
    const auto& presets = presetList();
    std::string current = "Custom (edited)";
    for (const PresetInfo& preset : presets) {
        if (preset.id == state.presetId) {
            current = preset.label;
        }
    }
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4.0f);
    if (ImGui::BeginCombo("Preset", current.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const PresetInfo& preset : presets) {
            const bool selected = preset.id == state.presetId;
            if (ImGui::Selectable(preset.label.c_str(), selected)) {
                try {
                    context.commands.push(SetRequest{makePreset(preset.id), preset.id});
                    m_error.clear();
                } catch (const InputError& e) {
                    refuse(context, e.what());
                }
            }
            tooltip(preset.description.c_str());
            if (selected) {
                ImGui::SetItemDefaultFocus();
            }
        }
        ImGui::EndCombo();
    }
    tooltip("Built-in kernels. Choosing one replaces the weights, divisor and offset.");

    const Kernel& kernel = state.request.kernel;
    int width = kernel.width();
    int height = kernel.height();
    bool resized = false;
    const float comboWidth = ImGui::GetFontSize() * 4.5f;
    const auto sizeCombo = [&](const char* label, int& value) {
        char preview[16];
        std::snprintf(preview, sizeof preview, "%d", value);
        ImGui::SetNextItemWidth(comboWidth);
        if (ImGui::BeginCombo(label, preview)) {
            for (int side = 1; side <= Kernel::kMaxSide; side += 2) {
                char item[16];
                std::snprintf(item, sizeof item, "%d", side);
                if (ImGui::Selectable(item, side == value)) {
                    value = side;
                    resized = true;
                }
            }
            ImGui::EndCombo();
        }
    };
    sizeCombo("Width", width);
    tooltip(
        "Kernel width in pixels (odd, 1 to 31). Growing pads with zeros around the centre; "
        "shrinking keeps the centre.");
    ImGui::SameLine();
    sizeCombo("Height", height);
    tooltip("Kernel height in pixels (odd, 1 to 31).");
    if (resized) {
        ConvRequest request = state.request;
        request.kernel = resizedKernel(kernel, width, height);
        submit(context, request);
    }
}

void KernelPanel::drawGrid(UiContext& context) {
    const ConvRequest& request = context.state.request;
    const Kernel& kernel = request.kernel;
    const int kw = kernel.width();
    const int kh = kernel.height();
    m_cellRects.assign(m_cells.size(), ImVec4(0, 0, 0, 0));
    float maxAbs = 0.0f;
    for (float w : kernel.weights()) {
        maxAbs = std::max(maxAbs, std::fabs(w));
    }
    if (m_mono != nullptr) {
        ImGui::PushFont(m_mono);
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    // Cells share the panel width, between room for the widest weight and for "-0.00000";
    // wider kernels scroll sideways rather than shrink into unreadable cells.
    const float spacing = 3.0f * context.state.contentScale;
    // The narrowest cell still shows the widest weight of this kernel in full.
    float widest = ImGui::CalcTextSize("-0").x;
    for (const CellText& cell : m_cells) {
        widest = std::max(widest, ImGui::CalcTextSize(cell.data()).x);
    }
    const float minCell = widest + style.FramePadding.x * 2.0f;
    const float maxCell =
        std::max(ImGui::CalcTextSize("-0.00000").x + style.FramePadding.x * 2.0f, minCell);
    const float share = (ImGui::GetContentRegionAvail().x - static_cast<float>(kw - 1) * spacing -
                         style.ScrollbarSize) /
                        static_cast<float>(kw);
    const float cellWidth = std::clamp(share, minCell, maxCell);
    const float gridWidth = static_cast<float>(kw) * (cellWidth + spacing);
    const float gridHeight = static_cast<float>(kh) * (ImGui::GetFrameHeight() + spacing);
    const float maxHeight = ImGui::GetFrameHeight() * 9.5f;
    const bool scrolls = gridWidth > ImGui::GetContentRegionAvail().x || gridHeight > maxHeight;
    const float childHeight =
        std::min(gridHeight + (scrolls ? style.ScrollbarSize : 0.0f) + spacing,
                 maxHeight + style.ScrollbarSize);
    ImGui::BeginChild("weights", ImVec2(0.0f, childHeight), false,
                      ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing, spacing));
    const ImVec4 neutral = style.Colors[ImGuiCol_FrameBg];
    const ImVec4 negative = ImGui::ColorConvertU32ToFloat4(kColourNegative);
    const ImVec4 positive = ImGui::ColorConvertU32ToFloat4(kColourPositive);
    for (int y = 0; y < kh; ++y) {
        for (int x = 0; x < kw; ++x) {
            const auto index = static_cast<std::size_t>(y * kw + x);
            const float w = kernel.at(x, y);
            const float t = maxAbs > 0.0f ? std::sqrt(std::fabs(w) / maxAbs) : 0.0f;
            const ImVec4 colour = w < 0.0f   ? mixColour(neutral, negative, 0.25f + 0.75f * t)
                                  : w > 0.0f ? mixColour(neutral, positive, 0.25f + 0.75f * t)
                                             : neutral;
            if (x > 0) {
                ImGui::SameLine();
            }
            ImGui::PushID(static_cast<int>(index));
            ImGui::PushStyleColor(ImGuiCol_FrameBg, colour);
            ImGui::PushStyleColor(ImGuiCol_FrameBgHovered,
                                  mixColour(colour, ImVec4(1, 1, 1, 1), 0.15f));
            const bool centre = x == kw / 2 && y == kh / 2;
            if (centre) {
                // The centre tap is where the output pixel sits: framed so it is found at once.
                ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize,
                                    1.5f * context.state.contentScale);
                ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.95f, 0.95f, 0.95f, 0.9f));
            }
            ImGui::SetNextItemWidth(cellWidth);
            ImGui::InputText(
                "##w", m_cells[index].data(), m_cells[index].size(),
                ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CharsScientific);
            m_cellRects[index] = itemRect();
            if (centre) {
                ImGui::PopStyleColor();
                ImGui::PopStyleVar();
            }
            ImGui::PopStyleColor(2);
            if (ImGui::IsItemHovered()) {
                ImGui::BeginTooltip();
                ImGui::Text("weight at column %d, row %d (centre %d, %d)", x, y, kw / 2, kh / 2);
                ImGui::Text("value %s", formatNumber(w).c_str());
                ImGui::TextDisabled("Type a number or a fraction such as 1/16, then Enter.");
                ImGui::EndTooltip();
            }
            if (ImGui::IsItemDeactivatedAfterEdit()) {
                const ParsedNumber parsed =
                    parseNumber(m_cells[index].data(), Kernel::kMaxAbsWeight);
                if (!parsed.value) {
                    refuse(context, parsed.error);
                    copyText(m_cells[index], formatShort(w, 5));
                } else if (*parsed.value != w) {
                    std::vector<float> weights = kernel.weights();
                    weights[index] = *parsed.value;
                    ConvRequest next = request;
                    next.kernel = Kernel(kw, kh, std::move(weights));
                    submit(context, next);
                }
            }
            ImGui::PopID();
        }
    }
    ImGui::PopStyleVar();
    ImGui::EndChild();
    if (m_mono != nullptr) {
        ImGui::PopFont();
    }
    ImGui::Text("Sum of weights: %s", formatShort(kernel.sum(), 6).c_str());
    tooltip(
        "The sum of all weights. A blur sums to 1 (after the divisor) and keeps brightness; "
        "an edge filter sums to 0 and needs an offset to show negative results.");
}

void KernelPanel::drawSeparable(const ConvRequest& request) {
    const auto factors = request.kernel.separable();
    if (request.kernel.width() == 1 && request.kernel.height() == 1) {
        return;
    }
    if (factors) {
        ImGui::PushStyleColor(ImGuiCol_Text, kTextGood);
        ImGui::TextUnformatted("Separable (rank 1)");
        ImGui::PopStyleColor();
        tooltip(
            "The kernel is an outer product column x row: it can run as two 1-D passes, "
            "W + H multiplications per pixel instead of W x H.");
        // Integer kernels show the integer factors the exact two-pass path uses (1 4 6 4 1),
        // not the pivot-normalised ones (0.167 0.667 1 ...), which read as rounding noise.
        const auto split = separableSplit(request.kernel, request.divisor);
        const bool integerFactors = split.has_value() && split->exact;
        const std::vector<float>& row = integerFactors ? split->row : factors->row;
        const std::vector<float>& column = integerFactors ? split->column : factors->column;
        ImGui::TextDisabled("row: %s", factorList(row).c_str());
        ImGui::TextDisabled("column: %s", factorList(column).c_str());
    } else {
        ImGui::TextDisabled("Not separable: needs the full 2-D sum");
        tooltip(
            "No row and column vectors multiply out to this kernel, so every output needs "
            "all W x H taps.");
    }
}

void KernelPanel::drawPostOps(UiContext& context) {
    const ConvRequest& request = context.state.request;
    const float labelWidth = ImGui::GetFontSize() * 6.0f;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::InputText("##divisor", m_divisorText.data(), m_divisorText.size(),
                     ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CharsScientific);
    tooltip(
        "Divisor: the weighted sum is divided by this before the offset. Any finite non-zero "
        "number or a fraction; Enter to apply.");
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        const ParsedNumber parsed = parseNumber(m_divisorText.data(), 1.0e9f);
        if (!parsed.value || *parsed.value == 0.0f) {
            refuse(context, parsed.value ? std::string("the divisor cannot be 0") : parsed.error);
            copyText(m_divisorText, formatNumber(request.divisor));
        } else {
            ConvRequest next = request;
            next.divisor = *parsed.value;
            submit(context, next);
        }
    }
    ImGui::SameLine();
    ImGui::TextUnformatted("Divisor");
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - labelWidth + ImGui::GetCursorPosX());
    if (ImGui::Button("Normalise")) {
        ConvRequest next = request;
        try {
            next.normalise();
            submit(context, next);
        } catch (const InputError& e) {
            refuse(context, e.what());
        }
    }
    tooltip(
        "Set the divisor to the sum of the weights, so a flat image keeps its brightness. "
        "Not possible when the weights sum to 0 (edge filters).");

    float offset = request.offset;
    ImGui::SetNextItemWidth(-labelWidth);
    const bool offsetChanged = ImGui::SliderFloat("Offset", &offset, -255.0f, 255.0f, "%.1f",
                                                  ImGuiSliderFlags_AlwaysClamp);
    m_offsetRect = itemRect();
    if (offsetChanged) {
        if (!std::isfinite(offset)) {
            refuse(context, "the offset must be a finite number");
        } else {
            ConvRequest next = request;
            next.offset = std::clamp(offset, -255.0f, 255.0f);
            submit(context, next);
        }
    }
    tooltip(
        "Added after the division, in grey levels (-255 to 255). 128 puts zero at mid-grey "
        "so negative edge responses stay visible. Ctrl+click to type; values are clamped.");

    bool absolute = request.absolute;
    if (ImGui::Checkbox("Absolute value", &absolute)) {
        ConvRequest next = request;
        next.absolute = absolute;
        submit(context, next);
    }
    tooltip("Take |sum / divisor| before the offset: both edge directions become bright.");

    int mode = request.mode == KernelMode::Convolution ? 0 : 1;
    bool modeChanged = ImGui::RadioButton("Convolution", &mode, 0);
    tooltip(
        "Textbook convolution: the kernel is rotated 180 degrees before it slides. "
        "Symmetric kernels give the same result either way.");
    ImGui::SameLine();
    modeChanged |= ImGui::RadioButton("Correlation", &mode, 1);
    tooltip(
        "Correlation: the kernel slides as written (what most image libraries call "
        "filtering). Sobel X then responds with the opposite sign.");
    if (modeChanged) {
        ConvRequest next = request;
        next.mode = mode == 0 ? KernelMode::Convolution : KernelMode::Correlation;
        submit(context, next);
    }

    const std::string borderLabel(borderName(request.border));
    ImGui::SetNextItemWidth(-labelWidth);
    if (ImGui::BeginCombo("Border", borderLabel.c_str())) {
        for (BorderMode border : kAllBorderModes) {
            const std::string name(borderName(border));
            if (ImGui::Selectable(name.c_str(), border == request.border)) {
                ConvRequest next = request;
                next.border = border;
                submit(context, next);
            }
        }
        ImGui::EndCombo();
    }
    tooltip(
        "What taps outside the image read. zero: 0. clamp: the edge pixel repeated. "
        "mirror: reflected without repeating the edge. wrap: the opposite side.");

    ImGui::TextUnformatted("Channels");
    tooltip("Which channels are filtered; the others are copied from the input.");
    const char* names[4] = {"R", "G", "B", "A"};
    const char* tips[4] = {"Filter the red channel.", "Filter the green channel.",
                           "Filter the blue channel.",
                           "Filter alpha (usually off: opaque images stay opaque)."};
    for (std::size_t c = 0; c < 4; ++c) {
        ImGui::SameLine();
        bool on = request.channels[c];
        if (ImGui::Checkbox(names[c], &on)) {
            ConvRequest next = request;
            next.channels[c] = on;
            submit(context, next);
        }
        tooltip(tips[c]);
    }
}

void KernelPanel::drawTextFormat(UiContext& context) {
    if (!ImGui::CollapsingHeader("Text format: paste, load, save",
                                 ImGuiTreeNodeFlags_DefaultOpen)) {
        return;
    }
    const ConvRequest& request = context.state.request;
    if (m_mono != nullptr) {
        ImGui::PushFont(m_mono);
    }
    // Room for every row of small kernels (plus one for a comment), scrolling beyond 6 rows.
    const float textLines = static_cast<float>(std::clamp(request.kernel.height(), 3, 6)) + 1.3f;
    ImGui::InputTextMultiline("##text", m_text.data(), m_text.size(),
                              ImVec2(-1.0f, ImGui::GetTextLineHeight() * textLines));
    if (m_mono != nullptr) {
        ImGui::PopFont();
    }
    tooltip("Rows of numbers separated by spaces or commas; '#' starts a comment.");
    const auto applyText = [&](const std::string& text) {
        try {
            ConvRequest next = request;
            next.kernel = parseKernelText(text);
            submit(context, next);
        } catch (const InputError& e) {
            refuse(context, e.what());
        }
    };
    if (ImGui::Button("Apply")) {
        applyText(m_text.data());
    }
    tooltip("Use the text above as the kernel (size taken from the rows and columns).");
    ImGui::SameLine();
    if (ImGui::Button("Copy")) {
        ImGui::SetClipboardText(formatKernelText(request.kernel).c_str());
    }
    tooltip("Copy the current kernel as text to the clipboard.");
    ImGui::SameLine();
    if (ImGui::Button("Paste")) {
        const char* clip = ImGui::GetClipboardText();
        if (clip == nullptr || *clip == '\0') {
            refuse(context, "the clipboard holds no text");
        } else {
            copyText(m_text, clip);
            applyText(clip);
        }
    }
    tooltip("Replace the kernel with the text on the clipboard.");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) {
        copyText(m_text, formatKernelText(request.kernel));
    }
    tooltip("Show the current kernel's text again.");

    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 7.5f);
    ImGui::InputTextWithHint("##path", "kernel file path", m_path.data(), m_path.size());
    tooltip("Path of a kernel text file, for Load and Save.");
    ImGui::SameLine();
    if (ImGui::Button("Load") && m_path[0] != '\0') {
        context.commands.push(LoadKernelFile{m_path.data()});
    }
    tooltip("Read the kernel from the file (the rest of the settings stay).");
    ImGui::SameLine();
    if (ImGui::Button("Save") && m_path[0] != '\0') {
        context.commands.push(SaveKernelFile{m_path.data()});
    }
    tooltip("Write the kernel to the file, atomically.");
}

}  // namespace convis::ui
