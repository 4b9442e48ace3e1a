// Reading image headers and checking completeness from the raw bytes, before any decoder runs.
#include "core/image_headers.hpp"

#include <cctype>
#include <cstring>

namespace convis {

namespace {

std::uint32_t bigEndian32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

std::uint32_t littleEndian32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) |
           (std::uint32_t{p[3]} << 24);
}

// The size a JPEG's start-of-frame marker declares, walking the segments before it.
std::optional<DeclaredSize> jpegDeclaredSize(const std::vector<std::uint8_t>& b) {
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
            return DeclaredSize{(std::int64_t{b[pos + 7]} << 8) | b[pos + 8],
                                (std::int64_t{b[pos + 5]} << 8) | b[pos + 6]};
        }
        pos += 2 + ((std::size_t{b[pos + 2]} << 8) | b[pos + 3]);
    }
    return std::nullopt;
}

// The size a binary PNM header declares: "P6 <ws/comments> width <ws> height".
std::optional<DeclaredSize> pnmDeclaredSize(const std::vector<std::uint8_t>& b) {
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
    return DeclaredSize{values[0], values[1]};
}

}  // namespace

// PNG: IHDR; BMP: the info header (a negative height means top-down rows); TGA: the image spec.
std::optional<DeclaredSize> declaredImageSize(const std::vector<std::uint8_t>& b,
                                              ImageFormat format) {
    switch (format) {
        case ImageFormat::Png:
            if (b.size() >= 24 && std::memcmp(&b[12], "IHDR", 4) == 0) {
                return DeclaredSize{bigEndian32(&b[16]), bigEndian32(&b[20])};
            }
            return std::nullopt;
        case ImageFormat::Bmp:
            if (b.size() >= 26) {
                const auto h = static_cast<std::int32_t>(littleEndian32(&b[22]));
                return DeclaredSize{static_cast<std::int32_t>(littleEndian32(&b[18])),
                                    h < 0 ? -std::int64_t{h} : std::int64_t{h}};
            }
            return std::nullopt;
        case ImageFormat::Tga:
            if (b.size() >= 18) {
                return DeclaredSize{b[12] | (b[13] << 8), b[14] | (b[15] << 8)};
            }
            return std::nullopt;
        case ImageFormat::Jpeg:
            return jpegDeclaredSize(b);
        case ImageFormat::Pnm:
            return pnmDeclaredSize(b);
    }
    return std::nullopt;
}

// Walks the chunk list: a chunk that runs past the end, or no IEND, means the file was cut short.
bool isPngComplete(const std::vector<std::uint8_t>& b) {
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
bool isJpegComplete(const std::vector<std::uint8_t>& b) {
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

}  // namespace convis
