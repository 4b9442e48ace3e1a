// The sequential CPU backend. Deliberately plain: this is the code a lecture shows, and the
// reference every other backend is tested against.
#include "backends/cpu_sequential.hpp"

#include <chrono>

#include "core/convolve_pixel.hpp"
#include "core/error.hpp"

namespace convis {

BackendInfo CpuSequentialBackend::info() const {
    return {"cpu-sequential",
            "CPU sequential",
            "One output pixel after another in raster order, on one core: the reference.",
            BackendKind::CpuSequential,
            true,
            ""};
}

RunResult CpuSequentialBackend::run(const Image& input, const ConvRequest& request, Image& output,
                                    const RunOptions& options) {
    const PreparedRequest prepared(request);
    const auto start = std::chrono::steady_clock::now();
    if (output.width() != input.width() || output.height() != input.height()) {
        output = Image(input.width(), input.height());
    }
    for (int y = 0; y < input.height(); ++y) {
        if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) {
            throw Cancelled();
        }
        for (int x = 0; x < input.width(); ++x) {
            convolvePixel(input, prepared, x, y, output.pixel(x, y));
        }
        if (options.progress && (y % 64 == 63 || y + 1 == input.height())) {
            options.progress(static_cast<double>(y + 1) / input.height());
        }
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return {{{"compute", ms}}, ms};
}

}  // namespace convis
