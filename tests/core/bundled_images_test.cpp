// Bundled photographs (embedded at build time) and image source names.
#include <doctest/doctest.h>

#include <cstring>

#include "core/bundled_images.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"
#include "core/image_source.hpp"
#include "test_support.hpp"

using namespace convis;

TEST_CASE("bundled: three photographs, the default first, each decodes at its size") {
    const std::vector<BundledImageInfo> list = bundledImageList();
    REQUIRE(list.size() == 3);
    CHECK(list[0].id == kDefaultBundledImage);
    CHECK(list[0].id == "astronaut");
    CHECK(list[1].id == "coffee");
    CHECK(list[2].id == "chelsea");
    const std::pair<int, int> sizes[] = {{512, 512}, {600, 400}, {451, 300}};
    for (std::size_t i = 0; i < list.size(); ++i) {
        CAPTURE(list[i].id);
        CHECK_FALSE(list[i].credit.empty());
        const auto bytes = bundledImageBytes(list[i].id);
        REQUIRE(bytes.size() > 1000);
        CHECK(std::memcmp(bytes.data(), "\x89PNG", 4) == 0);
        const Image image = loadBundledImage(list[i].id);
        CHECK(image.width() == sizes[i].first);
        CHECK(image.height() == sizes[i].second);
    }
}

TEST_CASE("bundled: the embedded bytes are the files in assets/images") {
    for (const BundledImageInfo& info : bundledImageList()) {
        const auto embedded = bundledImageBytes(info.id);
        const std::vector<std::uint8_t> file =
            test::readBytes(std::string(CONVIS_SOURCE_DIR) + "/assets/images/" + info.id + ".png");
        CHECK(std::vector<std::uint8_t>(embedded.begin(), embedded.end()) == file);
    }
    CHECK_THROWS_AS(bundledImageBytes("lena"), InputError);
    CHECK_THROWS_AS(loadBundledImage(""), InputError);
}

TEST_CASE("image source: patterns, bundled names, files, stems for output names") {
    CHECK(defaultImageSource() == "bundled:astronaut");
    CHECK(loadImageSource("pattern:noise:10x7").height() == 7);
    CHECK(loadImageSource("bundled:chelsea").width() == 451);
    CHECK(loadImageSource("coffee").width() == 600);
    test::TempDir dir;
    const std::string path = dir.file("coffee");  // a file wins over the bundled name
    savePng(loadImageSource("pattern:gradient:5x3"), path);
    CHECK(loadImageSource(path).width() == 5);
    CHECK_THROWS_AS(loadImageSource(""), InputError);
    CHECK_THROWS_AS(loadImageSource("bundled:nope"), InputError);
    CHECK_THROWS_AS(loadImageSource(dir.file("nope.png")), InputError);

    CHECK(imageSourceStem("bundled:astronaut") == "astronaut");
    CHECK(imageSourceStem("pattern:zoneplate:64x32") == "zoneplate-64x32");
    CHECK(imageSourceStem("/some/folder/photo.final.jpg") == "photo.final");
    CHECK(imageSourceStem("noext") == "noext");
    CHECK(imageSourceStem(".hidden") == ".hidden");
}
