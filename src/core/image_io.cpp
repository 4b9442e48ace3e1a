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

namespace convis {

namespace {

enum class Format { Png, Jpeg, Bmp, Pnm, Tga };

const char* formatName(Format format) {
    switch (format) {
        case Format::Png:
            return "PNG";
        case Format::Jpeg:
            return "JPEG";
        case Format::Bmp:
            return "BMP";
        case Format::Pnm:
            return "PNM";
        case Format::Tga:
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
Format detectFormat(const std::vector<std::uint8_t>& b, const std::string& name) {
    static constexpr std::uint8_t kPngMagic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (b.size() >= 8 && std::memcmp(b.data(), kPngMagic, 8) == 0) {
        return Format::Png;
    }
    if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
        return Format::Jpeg;
    }
    if (b.size() >= 2 && b[0] == 'B' && b[1] == 'M') {
        return Format::Bmp;
    }
    if (b.size() >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '7') {
        if (b[1] != '5' && b[1] != '6') {
            fail(name, std::string("PNM variant P") + static_cast<char>(b[1]) +
                           " is not supported (only binary P5 greyscale and P6 colour)");
        }
        return Format::Pnm;
    }
    if (hasTgaExtension(name)) {
        return Format::Tga;
    }
    fail(name, "not a supported image (PNG, JPEG, BMP, TGA or PNM)");
}

std::uint32_t bigEndian32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

// Walks the chunk list: every chunk complete and an IEND at the end, or the file was cut short.
bool pngIsComplete(const std::vector<std::uint8_t>& b) {
    std::size_t pos = 8;
    while (pos + 12 <= b.size()) {
        const std::uint64_t length = bigEndian32(&b[pos]);
        const bool isEnd = std::memcmp(&b[pos + 4], "IEND", 4) == 0;
        const std::uint64_t next = pos + 12 + length;
        if (next > b.size()) {
            return false;
        }
        if (isEnd) {
            return true;
        }
        pos = static_cast<std::size_t>(next);
    }
    return false;
}

// Walks the marker segments and the entropy-coded scans up to the EOI marker. A file that ends
// first was cut short: stb_image would silently decode it with a grey lower part.
bool jpegIsComplete(const std::vector<std::uint8_t>& b) {
    std::size_t pos = 2;  // after SOI
    const std::size_t n = b.size();
    while (pos + 1 < n) {
        if (b[pos] != 0xFF) {
            ++pos;  // padding some encoders leave between segments
            continue;
        }
        const std::uint8_t marker = b[pos + 1];
        if (marker == 0xFF) {
            ++pos;  // fill byte
            continue;
        }
        if (marker == 0xD9) {
            return true;  // EOI
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            pos += 2;  // markers without a length
            continue;
        }
        if (pos + 4 > n) {
            return false;
        }
        const std::size_t length = (std::size_t{b[pos + 2]} << 8) | b[pos + 3];
        if (length < 2 || pos + 2 + length > n) {
            return false;
        }
        pos += 2 + length;
        if (marker == 0xDA) {
            // Entropy-coded data: 0xFF is followed by 0x00 (stuffing) or a restart marker
            // inside it; any other marker ends the scan.
            while (pos + 1 < n) {
                if (b[pos] == 0xFF && b[pos + 1] != 0x00 &&
                    !(b[pos + 1] >= 0xD0 && b[pos + 1] <= 0xD7)) {
                    break;
                }
                ++pos;
            }
        }
    }
    return false;
}

std::uint32_t littleEndian32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
           (std::uint32_t{p[3]} << 24);
}

struct Size {
    std::int64_t width = 0;
    std::int64_t height = 0;
};

// The size a JPEG's start-of-frame marker declares, walking the segments before it.
std::optional<Size> jpegSize(const std::vector<std::uint8_t>& b) {
    std::size_t pos = 2;
    while (pos + 9 < b.size()) {
        if (b[pos] != 0xFF) {
            ++pos;
            continue;
        }
        const std::uint8_t marker = b[pos + 1];
        if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9)) {
            pos += marker == 0xFF ? 1 : 2;
            continue;
        }
        const bool startOfFrame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (startOfFrame) {
            return Size{(std::int64_t{b[pos + 7]} << 8) | b[pos + 8],
                        (std::int64_t{b[pos + 5]} << 8) | b[pos + 6]};
        }
        pos += 2 + ((std::size_t{b[pos + 2]} << 8) | b[pos + 3]);
    }
    return std::nullopt;
}

// The size a binary PNM header declares: "P6 <ws/comments> width <ws> height".
std::optional<Size> pnmSize(const std::vector<std::uint8_t>& b) {
    std::size_t pos = 2;
    std::int64_t values[2] = {0, 0};
    for (std::int64_t& value : values) {
        while (pos < b.size() && (std::isspace(b[pos]) != 0 || b[pos] == '#')) {
            if (b[pos] == '#') {
                while (pos < b.size() && b[pos] != '\n') {
                    ++pos;
                }
            } else {
                ++pos;
            }
        }
        if (pos >= b.size() || std::isdigit(b[pos]) == 0) {
            return std::nullopt;
        }
        while (pos < b.size() && std::isdigit(b[pos]) != 0 && value < (std::int64_t{1} << 40)) {
            value = value * 10 + (b[pos++] - '0');
        }
    }
    return Size{values[0], values[1]};
}

// The size the header declares, read by convis itself so that the limits are checked before
// stb_image parses anything (and so that the message says what the header claims).
std::optional<Size> declaredSize(const std::vector<std::uint8_t>& b, Format format) {
    switch (format) {
        case Format::Png:
            if (b.size() >= 24 && std::memcmp(&b[12], "IHDR", 4) == 0) {
                return Size{bigEndian32(&b[16]), bigEndian32(&b[20])};
            }
            return std::nullopt;
        case Format::Bmp:
            if (b.size() >= 26) {
                const auto h = static_cast<std::int32_t>(littleEndian32(&b[22]));
                return Size{static_cast<std::int32_t>(littleEndian32(&b[18])),
                            h < 0 ? -std::int64_t{h} : std::int64_t{h}};
            }
            return std::nullopt;
        case Format::Tga:
            if (b.size() >= 18) {
                return Size{b[12] | (b[13] << 8), b[14] | (b[15] << 8)};
            }
            return std::nullopt;
        case Format::Jpeg:
            return jpegSize(b);
        case Format::Pnm:
            return pnmSize(b);
    }
    return std::nullopt;
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
    const Format format = detectFormat(bytes, name);
    const int length = static_cast<int>(bytes.size());

    // The header alone, before any pixel memory exists: first as convis reads it, then as
    // stb_image does (which also rejects headers that are malformed in other ways).
    if (const std::optional<Size> declared = declaredSize(bytes, format)) {
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
    if (format == Format::Png && !pngIsComplete(bytes)) {
        fail(name, "truncated PNG (the file ends before its IEND chunk)");
    }
    if (format == Format::Jpeg && !jpegIsComplete(bytes)) {
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
