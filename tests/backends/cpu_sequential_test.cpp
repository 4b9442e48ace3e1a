// Hand-computed cases for the sequential reference backend.
#include <doctest/doctest.h>

#include "backends/cpu_sequential.hpp"
#include "core/kernel_presets.hpp"

using namespace convis;

namespace {
Image grey(int w, int h, std::initializer_list<int> values) {
    Image img(w, h);
    int i = 0;
    for (int v : values) {
        std::uint8_t* p = img.data() + 4 * i++;
        p[0] = p[1] = p[2] = static_cast<std::uint8_t>(v);
        p[3] = 255;
    }
    return img;
}
}  // namespace

TEST_CASE("sequential: identity returns the input") {
    Image in = grey(3, 2, {1, 2, 3, 4, 5, 6});
    Image out;
    CpuSequentialBackend backend;
    backend.run(in, makePreset("identity"), out, {});
    CHECK(out == in);
}

TEST_CASE("sequential: correlation impulse response is the flipped kernel") {
    Image in(5, 5);
    in.pixel(2, 2)[0] = 1;
    ConvRequest r;
    r.kernel = Kernel(3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    r.mode = KernelMode::Correlation;
    r.border = BorderMode::Zero;
    Image out;
    CpuSequentialBackend().run(in, r, out, {});
    // out(x, y) = sum taps(kx, ky) * in(x + kx - 1, y + ky - 1): the impulse at (2, 2) is picked
    // up by tap (2 - x + 1, 2 - y + 1), so the response is the kernel rotated by 180 degrees.
    for (int y = 1; y <= 3; ++y) {
        for (int x = 1; x <= 3; ++x) {
            CHECK(out.pixel(x, y)[0] == r.kernel.at(3 - x, 3 - y));
        }
    }
}
