// Image loading behind limits (format by magic bytes, header checked before decode, truncation
// detected) and PNG encoding to memory.
#include "core/image_io.hpp"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/file_read.hpp"
#include "core/image_headers.hpp"

namespace convis {

namespace {

const char* formatName(ImageFormat format) {
    switch (format) {
        case ImageFormat::Png:
            return "PNG";
        case ImageFormat::Jpeg:
            return "JPEG";
        case ImageFormat::Bmp:
            return "BMP";
        case ImageFormat::Pnm:
            return "PNM";
        case ImageFormat::Tga:
            return "TGA";
    }
    return "?";
}

[[noreturn]] void fail(const std::string& name, const std::string& reason) {
    throw InputError("cannot load '" + name + "': " + reason);
}

bool hasTgaExtension(const std::string& name) {
    if (name.size() < 4) {
        return false;
    }
    std::string ext = name.substr(name.size() - 4);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".tga";
}

// TGA has no magic number, so it is only tried when the name says .tga.
ImageFormat detectFormat(const std::vector<std::uint8_t>& b, const std::string& name) {
    static constexpr std::uint8_t kPngMagic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (b.size() >= 8 && std::memcmp(b.data(), kPngMagic, 8) == 0) {
        return ImageFormat::Png;
    }
    if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
        return ImageFormat::Jpeg;
    }
    if (b.size() >= 2 && b[0] == 'B' && b[1] == 'M') {
        return ImageFormat::Bmp;
    }
    if (b.size() >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '7') {
        if (b[1] != '5' && b[1] != '6') {
            fail(name, std::string("PNM variant P") + static_cast<char>(b[1]) +
                           " is not supported (only binary P5 greyscale and P6 colour)");
        }
        return ImageFormat::Pnm;
    }
    if (hasTgaExtension(name)) {
        return ImageFormat::Tga;
    }
    fail(name, "not a supported image (PNG, JPEG, BMP, TGA or PNM)");
}

void checkSize(const std::string& name, std::int64_t width, std::int64_t height,
               const ImageLimits& limits) {
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width <= 0 || height <= 0) {
        fail(name, "the image has no pixels (" + size + ")");
    }
    if (width > limits.maxSide || height > limits.maxSide) {
        fail(name, "the image is " + size + ", too large: more than " +
                       std::to_string(limits.maxSide) + " px a side");
    }
    const auto pixels = static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
    if (pixels > limits.maxPixels) {
        fail(name, "the image is " + size + " (" + std::to_string(pixels / 1000000) +
                       " megapixels), more than the limit of " +
                       std::to_string(limits.maxPixels / (1024 * 1024)) + " megapixels");
    }
}

std::string reasonFromStb(const char* reason) {
    if (reason == nullptr) {
        return "unknown decoder error";
    }
    const std::string text(reason);
    if (text == "too large") {
        return "the image is too large (more than " + std::to_string(Image::kMaxSide) +
               " px a side)";
    }
    if (text == "0-pixel image") {
        return "the image has no pixels (0x0)";
    }
    if (text == "unknown image type") {
        return "corrupt or unsupported header";
    }
    if (text == "outofmem") {
        return "out of memory while decoding";
    }
    return "corrupt or unsupported data (" + text + ")";
}

struct StbFree {
    void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

}  // namespace

Image decodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name,
                  const ImageLimits& limits) {
    if (bytes.empty()) {
        fail(name, "the file is empty");
    }
    if (bytes.size() > limits.maxFileBytes ||
        bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        fail(name, "the data is larger than the limit of " + std::to_string(limits.maxFileBytes) +
                       " bytes");
    }
    const ImageFormat format = detectFormat(bytes, name);
    const int length = static_cast<int>(bytes.size());

    // The header alone, before any pixel memory exists: first as convis reads it, then as
    // stb_image does (which also rejects headers that are malformed in other ways).
    if (const std::optional<DeclaredSize> declared = declaredImageSize(bytes, format)) {
        checkSize(name, declared->width, declared->height, limits);
    }
    int width = 0;
    int height = 0;
    int components = 0;
    if (stbi_info_from_memory(bytes.data(), length, &width, &height, &components) == 0) {
        fail(name,
             std::string(formatName(format)) + " header: " + reasonFromStb(stbi_failure_reason()));
    }
    checkSize(name, width, height, limits);
    const auto pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    if (format == ImageFormat::Png && !isPngComplete(bytes)) {
        fail(name, "truncated PNG (the file ends before its IEND chunk)");
    }
    if (format == ImageFormat::Jpeg && !isJpegComplete(bytes)) {
        fail(name, "truncated JPEG (the file ends before its end-of-image marker)");
    }

    int w = 0;
    int h = 0;
    std::unique_ptr<stbi_uc, StbFree> decoded(
        stbi_load_from_memory(bytes.data(), length, &w, &h, &components, kChannels));
    if (!decoded) {
        fail(name,
             std::string(formatName(format)) + " data: " + reasonFromStb(stbi_failure_reason()));
    }
    if (w != width || h != height) {
        fail(name, "the decoded size differs from the header");
    }
    std::vector<std::uint8_t> rgba(decoded.get(), decoded.get() + pixels * kChannels);
    return Image(width, height, std::move(rgba));
}

Image loadImage(const std::string& path, const ImageLimits& limits) {
    const std::vector<std::uint8_t> bytes = readInputFile(path, limits.maxFileBytes);
    return decodeImage(bytes, path, limits);
}

std::vector<std::uint8_t> encodePng(const Image& image) {
    if (image.empty()) {
        throw IoError("cannot encode a PNG with no pixels (" + std::to_string(image.width()) + "x" +
                      std::to_string(image.height()) + ")");
    }
    std::vector<std::uint8_t> out;
    const auto append = [](void* context, void* data, int size) {
        auto* target = static_cast<std::vector<std::uint8_t>*>(context);
        const auto* begin = static_cast<const std::uint8_t*>(data);
        target->insert(target->end(), begin, begin + size);
    };
    const int ok = stbi_write_png_to_func(append, &out, image.width(), image.height(), kChannels,
                                          image.data(), static_cast<int>(image.rowBytes()));
    if (ok == 0 || out.empty()) {
        throw IoError("PNG encoding failed for a " + std::to_string(image.width()) + "x" +
                      std::to_string(image.height()) + " image");
    }
    return out;
}

void savePng(const Image& image, const std::string& path) {
    writeFileAtomically(path, encodePng(image));
}

}  // namespace convis
