// Preset kernels. Integer weights with integer divisors where a textbook form exists, so that
// those presets are bit-exact across all backends.
#include "core/kernel_presets.hpp"

#include <cmath>
#include <numbers>

#include "core/error.hpp"

namespace convis {

namespace {

ConvRequest request(int width, int height, std::vector<float> weights, float divisor = 1.0f,
                    float offset = 0.0f) {
    ConvRequest r;
    r.kernel = Kernel(width, height, std::move(weights));
    r.divisor = divisor;
    r.offset = offset;
    return r;
}

int derivedSide(float sigma) {
    // 3 sigma either side holds 99.7% of the Gaussian's weight.
    const int radius = static_cast<int>(std::ceil(3.0f * sigma));
    return std::min(2 * radius + 1, Kernel::kMaxSide);
}

float checkedSigma(const PresetParams& params, float fallback) {
    const float sigma = params.sigma == 0.0f ? fallback : params.sigma;
    if (!std::isfinite(sigma) || sigma < 0.2f || sigma > 5.0f) {
        throw InputError("sigma must be between 0.2 and 5 pixels");
    }
    return sigma;
}

int checkedSize(const PresetParams& params, int fallback) {
    const int size = params.size == 0 ? fallback : params.size;
    if (size < 1 || size > Kernel::kMaxSide || size % 2 == 0) {
        throw InputError("size must be odd, 1 to 31");
    }
    return size;
}

ConvRequest box(int size) {
    const auto n = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
    return request(size, size, std::vector<float>(n, 1.0f), static_cast<float>(n));
}

ConvRequest gaussian(float sigma) {
    const int side = derivedSide(sigma);
    const int r = side / 2;
    std::vector<float> w;
    double total = 0.0;
    std::vector<double> raw;
    for (int y = -r; y <= r; ++y) {
        for (int x = -r; x <= r; ++x) {
            const double v = std::exp(-(x * x + y * y) / (2.0 * sigma * sigma));
            raw.push_back(v);
            total += v;
        }
    }
    for (double v : raw) {
        w.push_back(static_cast<float>(v / total));
    }
    return request(side, side, std::move(w));
}

ConvRequest laplacianOfGaussian(float sigma) {
    const int side = derivedSide(sigma);
    const int r = side / 2;
    std::vector<double> raw;
    double mean = 0.0;
    for (int y = -r; y <= r; ++y) {
        for (int x = -r; x <= r; ++x) {
            const double q = (x * x + y * y) / (2.0 * sigma * sigma);
            raw.push_back(-(1.0 - q) * std::exp(-q));
            mean += raw.back();
        }
    }
    mean /= static_cast<double>(raw.size());
    // Zero sum (flat regions give exactly the offset), scaled so the absolute weights add up to
    // 16, the same as the 8-neighbour Laplacian, so both read alike on screen.
    double absTotal = 0.0;
    for (double& v : raw) {
        v -= mean;
        absTotal += std::fabs(v);
    }
    std::vector<float> w;
    for (double v : raw) {
        w.push_back(static_cast<float>(16.0 * v / absTotal));
    }
    return request(side, side, std::move(w), 1.0f, 128.0f);
}

ConvRequest motionBlur(int size) {
    std::vector<float> w(static_cast<std::size_t>(size * size), 0.0f);
    for (int i = 0; i < size; ++i) {
        w[static_cast<std::size_t>(i * size + i)] = 1.0f;
    }
    return request(size, size, std::move(w), static_cast<float>(size));
}

}  // namespace

const std::vector<PresetInfo>& presetList() {
    static const std::vector<PresetInfo> kList = {
        {"identity", "Identity", "Copies the image: the centre weight is 1, all others 0.", false},
        {"box3", "Box blur 3x3", "Average of the 3x3 neighbourhood.", false},
        {"box5", "Box blur 5x5", "Average of the 5x5 neighbourhood.", false},
        {"box9", "Box blur 9x9", "Average of the 9x9 neighbourhood.", false},
        {"box", "Box blur (size)", "Average of a size x size neighbourhood; 3 unless set.", false},
        {"gaussian3", "Gaussian 3x3 (1-2-1)", "Binomial 3x3 blur, integer weights / 16.", false},
        {"gaussian5", "Gaussian 5x5 (1-4-6-4-1)", "Binomial 5x5 blur, integer weights / 256.",
         false},
        {"gaussian", "Gaussian (sigma)", "Gaussian blur; the size is 2*ceil(3*sigma)+1.", false},
        {"sharpen", "Sharpen", "Centre 5, the four neighbours -1: boosts local contrast.", false},
        {"unsharp", "Unsharp mask 5x5", "Image plus (image minus its Gaussian blur).", false},
        {"laplacian4", "Laplacian (4-neighbour)", "Second derivative; offset 128 shows its sign.",
         true},
        {"laplacian8", "Laplacian (8-neighbour)", "Second derivative with diagonals; offset 128.",
         true},
        {"sobel-x", "Sobel X", "Horizontal gradient: bright/dark at vertical edges; offset 128.",
         true},
        {"sobel-y", "Sobel Y", "Vertical gradient: bright/dark at horizontal edges; offset 128.",
         true},
        {"prewitt-x", "Prewitt X", "Horizontal gradient with equal row weights; offset 128.", true},
        {"prewitt-y", "Prewitt Y", "Vertical gradient with equal column weights; offset 128.",
         true},
        {"scharr-x", "Scharr X", "Rotation-accurate horizontal gradient, / 4; offset 128.", true},
        {"scharr-y", "Scharr Y", "Rotation-accurate vertical gradient, / 4; offset 128.", true},
        {"emboss", "Emboss", "Relief lit from the top left.", false},
        {"outline", "Outline", "Bright edges on black: centre 8, neighbours -1.", false},
        {"motion-blur", "Motion blur (diagonal)", "Average along the diagonal; size 9 unless set.",
         false},
        {"log", "Laplacian of Gaussian (sigma)", "Blob and edge detector; sigma 1.4 unless set.",
         true},
    };
    return kList;
}

ConvRequest makePreset(std::string_view id, const PresetParams& params) {
    if (id == "identity") {
        return request(3, 3, {0, 0, 0, 0, 1, 0, 0, 0, 0});
    }
    if (id == "box3") {
        return box(3);
    }
    if (id == "box5") {
        return box(5);
    }
    if (id == "box9") {
        return box(9);
    }
    if (id == "box") {
        return box(checkedSize(params, 3));
    }
    if (id == "gaussian3") {
        return request(3, 3, {1, 2, 1, 2, 4, 2, 1, 2, 1}, 16.0f);
    }
    if (id == "gaussian5") {
        return request(5, 5, {1,  4, 6, 4,  1,  4,  16, 24, 16, 4, 6, 24, 36,
                              24, 6, 4, 16, 24, 16, 4,  1,  4,  6, 4, 1},
                       256.0f);
    }
    if (id == "gaussian") {
        return gaussian(checkedSigma(params, 2.0f));
    }
    if (id == "sharpen") {
        return request(3, 3, {0, -1, 0, -1, 5, -1, 0, -1, 0});
    }
    if (id == "unsharp") {
        return request(5, 5, {1,  4, 6, 4,  1,  4,  16, 24, 16, 4, 6, 24, -476,
                              24, 6, 4, 16, 24, 16, 4,  1,  4,  6, 4, 1},
                       -256.0f);
    }
    if (id == "laplacian4") {
        return request(3, 3, {0, 1, 0, 1, -4, 1, 0, 1, 0}, 1.0f, 128.0f);
    }
    if (id == "laplacian8") {
        return request(3, 3, {1, 1, 1, 1, -8, 1, 1, 1, 1}, 1.0f, 128.0f);
    }
    if (id == "sobel-x") {
        return request(3, 3, {-1, 0, 1, -2, 0, 2, -1, 0, 1}, 1.0f, 128.0f);
    }
    if (id == "sobel-y") {
        return request(3, 3, {-1, -2, -1, 0, 0, 0, 1, 2, 1}, 1.0f, 128.0f);
    }
    if (id == "prewitt-x") {
        return request(3, 3, {-1, 0, 1, -1, 0, 1, -1, 0, 1}, 1.0f, 128.0f);
    }
    if (id == "prewitt-y") {
        return request(3, 3, {-1, -1, -1, 0, 0, 0, 1, 1, 1}, 1.0f, 128.0f);
    }
    if (id == "scharr-x") {
        return request(3, 3, {-3, 0, 3, -10, 0, 10, -3, 0, 3}, 4.0f, 128.0f);
    }
    if (id == "scharr-y") {
        return request(3, 3, {-3, -10, -3, 0, 0, 0, 3, 10, 3}, 4.0f, 128.0f);
    }
    if (id == "emboss") {
        return request(3, 3, {-2, -1, 0, -1, 1, 1, 0, 1, 2});
    }
    if (id == "outline") {
        return request(3, 3, {-1, -1, -1, -1, 8, -1, -1, -1, -1});
    }
    if (id == "motion-blur") {
        return motionBlur(checkedSize(params, 9));
    }
    if (id == "log") {
        return laplacianOfGaussian(checkedSigma(params, 1.4f));
    }
    throw InputError("unknown kernel preset '" + std::string(id) +
                     "' (see `convis info` for the list)");
}

}  // namespace convis
