// Generated test patterns, each chosen to show one thing a filter does (see patternList()).
#include "core/patterns.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

#include "core/error.hpp"

namespace convis {

namespace {

constexpr int kMaxPatternSide = 8192;
constexpr int kDefaultPatternSide = 512;

void setGrey(Image& image, int x, int y, std::uint8_t value) {
    std::uint8_t* p = image.pixel(x, y);
    p[0] = p[1] = p[2] = value;
    p[3] = 255;
}

std::uint8_t toByte(double unit) {  // 0..1 -> 0..255, rounded
    const double v = std::round(std::clamp(unit, 0.0, 1.0) * 255.0);
    return static_cast<std::uint8_t>(v);
}

// Single white pixels every 32 px on black: each output shows the kernel's impulse response.
void impulses(Image& image) {
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            setGrey(image, x, y, (x % 32 == 16 && y % 32 == 16) ? 255 : 0);
        }
    }
}

void checkerboard(Image& image) {
    const int square = std::max(1, std::min(image.width(), image.height()) / 8);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            setGrey(image, x, y, ((x / square + y / square) % 2 == 0) ? 230 : 25);
        }
    }
}

// cos(a r^2): the local frequency grows with the radius and reaches the Nyquist limit
// (0.5 cycles per pixel) at the middle of the longer edge, so blur and aliasing show as rings.
void zonePlate(Image& image) {
    const double cx = (image.width() - 1) / 2.0;
    const double cy = (image.height() - 1) / 2.0;
    const double rmax = std::max(1.0, std::max(image.width(), image.height()) / 2.0);
    const double a = std::numbers::pi / (2.0 * rmax);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            setGrey(image, x, y, toByte(0.5 + 0.5 * std::cos(a * r2)));
        }
    }
}

// 36 black and white spokes: detail gets finer towards the centre, in every direction at once.
void siemensStar(Image& image) {
    constexpr int kSpokes = 36;
    const double cx = (image.width() - 1) / 2.0;
    const double cy = (image.height() - 1) / 2.0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const double angle = std::atan2(y - cy, x - cx);
            const bool white = std::sin(kSpokes / 2.0 * angle) >= 0.0;
            setGrey(image, x, y, white ? 255 : 0);
        }
    }
}

// Uniform RGB noise from splitmix64 with a fixed seed: the same image on every run and machine.
void noise(Image& image) {
    std::uint64_t state = 0x636f6e766973ull;  // fixed seed
    const auto next = [&state]() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    };
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const std::uint64_t bits = next();
            std::uint8_t* p = image.pixel(x, y);
            p[0] = static_cast<std::uint8_t>(bits);
            p[1] = static_cast<std::uint8_t>(bits >> 8);
            p[2] = static_cast<std::uint8_t>(bits >> 16);
            p[3] = 255;
        }
    }
}

// Red rises left to right, green top to bottom, blue is constant: every value 0..255 appears,
// so offsets, saturation and rounding are easy to read off.
void gradient(Image& image) {
    const double sx = image.width() > 1 ? 1.0 / (image.width() - 1) : 0.0;
    const double sy = image.height() > 1 ? 1.0 / (image.height() - 1) : 0.0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            std::uint8_t* p = image.pixel(x, y);
            p[0] = toByte(x * sx);
            p[1] = toByte(y * sy);
            p[2] = 128;
            p[3] = 255;
        }
    }
}

int parseSide(std::string_view text, std::string_view spec) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        throw InputError("bad pattern size in '" + std::string(spec) +
                         "': expected WIDTHxHEIGHT, e.g. pattern:zoneplate:512x512");
    }
    return value;
}

}  // namespace

const std::vector<PatternInfo>& patternList() {
    static const std::vector<PatternInfo> kList = {
        {"impulses", "white pixels every 32 px on black: shows each kernel's impulse response"},
        {"checkerboard", "8 squares across the shorter side: edges in x and y"},
        {"zoneplate", "rings whose frequency rises to the Nyquist limit: blur and aliasing"},
        {"siemens", "Siemens star of 36 spokes: detail in every direction"},
        {"noise", "uniform RGB noise from a fixed seed: the same on every run"},
        {"gradient", "red ramps along x, green along y: offsets and saturation"},
    };
    return kList;
}

Image makePattern(std::string_view id, int width, int height) {
    if (width < 1 || height < 1 || width > kMaxPatternSide || height > kMaxPatternSide) {
        throw InputError("pattern size " + std::to_string(width) + "x" + std::to_string(height) +
                         " is outside 1..8192 a side");
    }
    Image image(width, height);
    if (id == "impulses") {
        impulses(image);
    } else if (id == "checkerboard") {
        checkerboard(image);
    } else if (id == "zoneplate") {
        zonePlate(image);
    } else if (id == "siemens") {
        siemensStar(image);
    } else if (id == "noise") {
        noise(image);
    } else if (id == "gradient") {
        gradient(image);
    } else {
        throw InputError("unknown pattern '" + std::string(id) +
                         "' (impulses, checkerboard, zoneplate, siemens, noise, gradient)");
    }
    return image;
}

Image makePatternFromSpec(std::string_view spec) {
    constexpr std::string_view kPrefix = "pattern:";
    if (spec.substr(0, kPrefix.size()) != kPrefix) {
        throw InputError("'" + std::string(spec) + "' is not a pattern: expected pattern:NAME:WxH");
    }
    const std::string_view rest = spec.substr(kPrefix.size());
    const std::size_t colon = rest.find(':');
    const std::string_view name = rest.substr(0, colon);
    if (colon == std::string_view::npos) {
        return makePattern(name, kDefaultPatternSide, kDefaultPatternSide);
    }
    const std::string_view size = rest.substr(colon + 1);
    const std::size_t x = size.find_first_of("xX");
    if (x == std::string_view::npos) {
        throw InputError("bad pattern size in '" + std::string(spec) +
                         "': expected WIDTHxHEIGHT, e.g. pattern:zoneplate:512x512");
    }
    return makePattern(name, parseSide(size.substr(0, x), spec),
                       parseSide(size.substr(x + 1), spec));
}

}  // namespace convis
