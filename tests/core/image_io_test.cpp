// Image loading behind limits and PNG export: round trips, every format, and every bad file.
#include <doctest/doctest.h>
#include <stb_image_write.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>

#include "core/error.hpp"
#include "core/image_io.hpp"
#include "core/patterns.hpp"
#include "test_support.hpp"

using namespace convis;

namespace {

std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

void putChunk(std::vector<std::uint8_t>& out, const char* type,
              const std::vector<std::uint8_t>& data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    std::vector<std::uint8_t> typed(type, type + 4);
    typed.insert(typed.end(), data.begin(), data.end());
    out.insert(out.end(), typed.begin(), typed.end());
    put32(out, crc32(typed.data(), typed.size()));
}

// A PNG with a valid signature, IHDR claiming width x height RGBA8 (correct CRCs), a tiny IDAT
// and IEND: a header that lies about the size, as a hostile file would.
std::vector<std::uint8_t> craftedPng(std::uint32_t width, std::uint32_t height) {
    std::vector<std::uint8_t> png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<std::uint8_t> ihdr;
    put32(ihdr, width);
    put32(ihdr, height);
    ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});
    putChunk(png, "IHDR", ihdr);
    putChunk(png, "IDAT", {0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    putChunk(png, "IEND", {});
    return png;
}

std::string loadError(const std::vector<std::uint8_t>& bytes, const std::string& name) {
    try {
        decodeImage(bytes, name);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

std::string fileError(const std::string& path) {
    try {
        loadImage(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

void appendBytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(context);
    const auto* begin = static_cast<const std::uint8_t*>(data);
    out->insert(out->end(), begin, begin + size);
}

std::vector<std::uint8_t> encodeJpeg(const Image& image) {
    std::vector<std::uint8_t> out;
    REQUIRE(stbi_write_jpg_to_func(appendBytes, &out, image.width(), image.height(), 4,
                                   image.data(), 90) != 0);
    return out;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("image io: PNG encode and decode round trip exactly, alpha included") {
    Image image = makePattern("noise", 37, 21);
    image.pixel(3, 4)[3] = 17;  // a translucent pixel survives
    const std::vector<std::uint8_t> png = encodePng(image);
    CHECK(png.size() > 8);
    CHECK(decodeImage(png, "memory") == image);

    test::TempDir dir;
    const std::string path = dir.file("noise.png");
    savePng(image, path);
    CHECK(loadImage(path) == image);
    CHECK(dir.entries() == std::vector<std::string>{"noise.png"});
    CHECK_THROWS_AS(encodePng(Image()), IoError);
}

TEST_CASE("image io: JPEG, BMP, TGA and PNM load, TGA only by its extension") {
    const Image image = makePattern("gradient", 16, 8);

    const Image jpeg = decodeImage(encodeJpeg(image), "a.jpg");
    CHECK(jpeg.width() == 16);
    CHECK(jpeg.height() == 8);

    std::vector<std::uint8_t> bmp;
    REQUIRE(stbi_write_bmp_to_func(appendBytes, &bmp, 16, 8, 4, image.data()) != 0);
    const Image fromBmp = decodeImage(bmp, "a.bmp");
    CHECK(fromBmp.width() == 16);
    CHECK(fromBmp.pixel(15, 7)[0] == image.pixel(15, 7)[0]);

    std::vector<std::uint8_t> tga;
    REQUIRE(stbi_write_tga_to_func(appendBytes, &tga, 16, 8, 4, image.data()) != 0);
    CHECK(decodeImage(tga, "picture.TGA") == image);
    CHECK(contains(loadError(tga, "picture.bin"), "not a supported image"));

    // P6: 2x1, red then blue.
    const std::string ppm = "P6\n# comment\n2 1\n255\n";
    std::vector<std::uint8_t> pnm(ppm.begin(), ppm.end());
    pnm.insert(pnm.end(), {255, 0, 0, 0, 0, 255});
    const Image fromPnm = decodeImage(pnm, "a.ppm");
    REQUIRE(fromPnm.width() == 2);
    CHECK(fromPnm.pixel(0, 0)[0] == 255);
    CHECK(fromPnm.pixel(1, 0)[2] == 255);
    CHECK(fromPnm.pixel(1, 0)[3] == 255);
    const std::string ascii = "P3\n1 1\n255\n1 2 3\n";
    CHECK(contains(loadError({ascii.begin(), ascii.end()}, "a.ppm"), "P3 is not supported"));
}

TEST_CASE("image io: a truncated PNG is refused") {
    const std::vector<std::uint8_t> png = encodePng(makePattern("noise", 64, 64));
    for (std::size_t keep : {png.size() - 1, png.size() - 12, png.size() / 2, std::size_t{40}}) {
        CAPTURE(keep);
        const std::vector<std::uint8_t> cut(png.begin(), png.begin() + static_cast<long>(keep));
        CHECK(contains(loadError(cut, "cut.png"), "cannot load 'cut.png': truncated PNG"));
    }
    // Only the signature and part of the header: the header itself is incomplete.
    const std::vector<std::uint8_t> header(png.begin(), png.begin() + 12);
    CHECK(contains(loadError(header, "cut.png"), "cannot load 'cut.png'"));
}

TEST_CASE("image io: a truncated JPEG is refused, a complete one with trailing bytes is not") {
    const std::vector<std::uint8_t> jpeg = encodeJpeg(makePattern("noise", 64, 64));
    REQUIRE(jpeg[jpeg.size() - 2] == 0xFF);
    REQUIRE(jpeg[jpeg.size() - 1] == 0xD9);
    for (std::size_t keep : {jpeg.size() - 2, jpeg.size() - 1, jpeg.size() / 2}) {
        CAPTURE(keep);
        const std::vector<std::uint8_t> cut(jpeg.begin(), jpeg.begin() + static_cast<long>(keep));
        CHECK(contains(loadError(cut, "cut.jpg"), "truncated JPEG"));
    }
    std::vector<std::uint8_t> trailing = jpeg;
    trailing.insert(trailing.end(), {0, 0, 0, 0});
    CHECK(decodeImage(trailing, "trailing.jpg").width() == 64);
}

TEST_CASE("image io: sizes are checked on the header before any decode") {
    // 100000 x 100000 RGBA would need 40 GB: refused from the header alone.
    const std::string huge = loadError(craftedPng(100000, 100000), "huge.png");
    CHECK(contains(huge, "cannot load 'huge.png'"));
    CHECK(contains(huge, "too large"));
    // 16000 x 16000 passes stb's per-side cap; convis' 64 megapixel limit refuses it.
    CHECK(contains(loadError(craftedPng(16000, 16000), "big.png"),
                   "16000x16000 (256 megapixels), more than the limit of 64 megapixels"));
    CHECK(contains(loadError(craftedPng(0, 0), "zero.png"), "no pixels"));
    CHECK(contains(loadError(craftedPng(0, 5), "zero.png"), "no pixels"));

    ImageLimits small;
    small.maxSide = 8;
    const std::vector<std::uint8_t> png = encodePng(makePattern("noise", 9, 4));
    try {
        decodeImage(png, "wide.png", small);
        FAIL("an image wider than the limit was decoded");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "cannot load 'wide.png': the image is 9x4, too large: more than 8 px a side");
    }
}

TEST_CASE(
    "image io: lying headers are refused with no more than 64 MiB of address space to spare") {
    // In a child whose address space is capped 64 MiB above what it uses now, decoding a header
    // that claims 1 GB or 40 GB of pixels must end in the size error, not in an allocation.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::ifstream status("/proc/self/status");
        std::string line;
        unsigned long long kib = 0;
        while (std::getline(status, line)) {
            if (line.rfind("VmSize:", 0) == 0) {
                kib = std::stoull(line.substr(7));
            }
        }
        struct rlimit limit {};
        limit.rlim_cur = limit.rlim_max = (kib + 64 * 1024) * 1024;
        if (kib == 0 || ::setrlimit(RLIMIT_AS, &limit) != 0) {
            ::_exit(3);
        }
        const std::string huge = loadError(craftedPng(100000, 100000), "huge.png");
        const std::string big = loadError(craftedPng(16000, 16000), "big.png");
        const bool ok = contains(huge, "too large") && contains(big, "megapixels");
        ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("image io: not an image, empty, a directory, a missing path") {
    test::TempDir dir;
    const std::string text = dir.file("notes.png");
    test::writeText(text, "these are not the pixels you are looking for\n");
    CHECK(fileError(text) ==
          "cannot load '" + text + "': not a supported image (PNG, JPEG, BMP, TGA or PNM)");

    const std::string empty = dir.file("empty.png");
    test::writeText(empty, "");
    CHECK(fileError(empty) == "cannot read '" + empty + "': the file is empty");

    CHECK(fileError(dir.path().string()) ==
          "cannot read '" + dir.path().string() + "': it is a directory, not a file");

    const std::string missing = dir.file("missing.png");
    CHECK(fileError(missing) == "cannot read '" + missing + "': no such file");

    ImageLimits tiny;
    tiny.maxFileBytes = 10;
    savePng(makePattern("noise", 8, 8), dir.file("small.png"));
    CHECK_THROWS_WITH_AS(loadImage(dir.file("small.png"), tiny), doctest::Contains("limit of 10"),
                         InputError);
    CHECK(contains(fileError("/dev/null"), "not a regular file"));
}
