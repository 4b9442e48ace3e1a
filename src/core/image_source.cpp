// Resolving image source names to images.
#include "core/image_source.hpp"

#include <sys/stat.h>

#include "core/bundled_images.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"
#include "core/patterns.hpp"

namespace convis {

namespace {

constexpr std::string_view kPatternPrefix = "pattern:";
constexpr std::string_view kBundledPrefix = "bundled:";

bool startsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool pathExists(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0;
}

bool isBundledId(std::string_view name) {
    for (const BundledImageInfo& info : bundledImageList()) {
        if (info.id == name) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string defaultImageSource() {
    return std::string(kBundledPrefix) + std::string(kDefaultBundledImage);
}

Image loadImageSource(std::string_view source) {
    if (source.empty()) {
        throw InputError("the input name is empty");
    }
    if (startsWith(source, kPatternPrefix)) {
        return makePatternFromSpec(source);
    }
    if (startsWith(source, kBundledPrefix)) {
        return loadBundledImage(source.substr(kBundledPrefix.size()));
    }
    const std::string path(source);
    if (!pathExists(path) && isBundledId(source)) {
        return loadBundledImage(source);
    }
    return loadImage(path);
}

std::string imageSourceStem(std::string_view source) {
    if (startsWith(source, kPatternPrefix)) {
        std::string stem(source.substr(kPatternPrefix.size()));
        for (char& c : stem) {
            if (c == ':') {
                c = '-';
            }
        }
        return stem;
    }
    if (startsWith(source, kBundledPrefix)) {
        return std::string(source.substr(kBundledPrefix.size()));
    }
    std::string_view name = source;
    const std::size_t slash = name.find_last_of('/');
    if (slash != std::string_view::npos) {
        name.remove_prefix(slash + 1);
    }
    const std::size_t dot = name.find_last_of('.');
    if (dot != std::string_view::npos && dot > 0) {
        name = name.substr(0, dot);
    }
    return name.empty() ? std::string("image") : std::string(name);
}

}  // namespace convis
