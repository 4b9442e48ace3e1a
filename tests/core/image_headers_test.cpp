// Header sizes read by convis itself, for every format, and the completeness checks.
#include <doctest/doctest.h>

#include <string>

#include "core/error.hpp"
#include "core/image_headers.hpp"
#include "core/image_io.hpp"

using namespace convis;

namespace {

void putLe(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
    }
}

std::vector<std::uint8_t> bmpHeader(std::int32_t width, std::int32_t height) {
    std::vector<std::uint8_t> b(54, 0);
    b[0] = 'B';
    b[1] = 'M';
    putLe(b, 14, 40, 4);
    putLe(b, 18, static_cast<std::uint32_t>(width), 4);
    putLe(b, 22, static_cast<std::uint32_t>(height), 4);
    putLe(b, 26, 1, 2);
    putLe(b, 28, 24, 2);
    return b;
}

std::vector<std::uint8_t> tgaHeader(int width, int height) {
    std::vector<std::uint8_t> b(18, 0);
    b[2] = 2;  // uncompressed true colour
    putLe(b, 12, static_cast<std::uint32_t>(width), 2);
    putLe(b, 14, static_cast<std::uint32_t>(height), 2);
    b[16] = 24;
    return b;
}

// SOI, a JFIF APP0 segment, then a baseline SOF0 declaring the size, then nothing.
std::vector<std::uint8_t> jpegHeader(int width, int height) {
    std::vector<std::uint8_t> b = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F',
                                   0,    1,    1,    0,    0,    1,    0,   1,   0,   0};
    const std::vector<std::uint8_t> sof = {0xFF,
                                           0xC0,
                                           0x00,
                                           0x0B,
                                           8,
                                           static_cast<std::uint8_t>(height >> 8),
                                           static_cast<std::uint8_t>(height),
                                           static_cast<std::uint8_t>(width >> 8),
                                           static_cast<std::uint8_t>(width),
                                           1,
                                           1,
                                           0x11,
                                           0};
    b.insert(b.end(), sof.begin(), sof.end());
    return b;
}

std::string loadError(const std::vector<std::uint8_t>& bytes, const std::string& name) {
    try {
        decodeImage(bytes, name);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("headers: declared sizes for BMP (either row order), TGA, JPEG and PNM") {
    auto size = declaredImageSize(bmpHeader(640, -480), ImageFormat::Bmp);
    REQUIRE(size.has_value());
    CHECK(size->width == 640);
    CHECK(size->height == 480);
    size = declaredImageSize(tgaHeader(300, 200), ImageFormat::Tga);
    REQUIRE(size.has_value());
    CHECK(size->width == 300);
    CHECK(size->height == 200);
    size = declaredImageSize(jpegHeader(1920, 1080), ImageFormat::Jpeg);
    REQUIRE(size.has_value());
    CHECK(size->width == 1920);
    CHECK(size->height == 1080);
    const std::string pnm = "P6 # a comment\n 12\t34\n255\n";
    size = declaredImageSize({pnm.begin(), pnm.end()}, ImageFormat::Pnm);
    REQUIRE(size.has_value());
    CHECK(size->width == 12);
    CHECK(size->height == 34);
    CHECK_FALSE(declaredImageSize({'B', 'M', 0}, ImageFormat::Bmp).has_value());
}

TEST_CASE("headers: oversized headers in every format are refused before decoding") {
    CHECK(loadError(bmpHeader(100000, 100000), "big.bmp").find("100000x100000, too large") !=
          std::string::npos);
    CHECK(loadError(tgaHeader(60000, 60000), "big.tga").find("60000x60000, too large") !=
          std::string::npos);
    CHECK(loadError(jpegHeader(65535, 65535), "big.jpg").find("65535x65535, too large") !=
          std::string::npos);
    const std::string pnm = "P6\n99999 99999\n255\n";
    CHECK(loadError({pnm.begin(), pnm.end()}, "big.ppm").find("99999x99999, too large") !=
          std::string::npos);
    CHECK(loadError(bmpHeader(0, 10), "zero.bmp").find("no pixels (0x10)") != std::string::npos);
}

TEST_CASE("headers: completeness of PNG chunk lists and JPEG marker streams") {
    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0,
                                     0,    0,   'I', 'E', 'N',  'D',  0,    0,    0, 0};
    CHECK(isPngComplete(png));
    png.pop_back();  // the CRC of IEND cut short
    CHECK_FALSE(isPngComplete(png));

    std::vector<std::uint8_t> jpeg = jpegHeader(8, 8);
    CHECK_FALSE(isJpegComplete(jpeg));
    // A scan with stuffed 0xFF 0x00 and a restart marker inside, then EOI.
    jpeg.insert(jpeg.end(), {0xFF, 0xDA, 0x00, 0x08, 1, 1, 0x00, 0, 63, 0, 0x12, 0xFF, 0x00, 0x34,
                             0xFF, 0xD0, 0x56});
    CHECK_FALSE(isJpegComplete(jpeg));
    jpeg.insert(jpeg.end(), {0xFF, 0xD9});
    CHECK(isJpegComplete(jpeg));
}
