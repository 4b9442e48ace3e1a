// Export file naming and writing: folder created, unique names, PNG round trip, clear failure.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "app/exports.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"

namespace convis {

TEST_CASE("fileStem keeps names safe for file systems") {
    CHECK(fileStem("pattern: zoneplate") == "pattern--zoneplate");
    CHECK(fileStem("sobel-x") == "sobel-x");
    CHECK(fileStem("../etc/passwd") == "---etc-passwd");
    CHECK(fileStem("") == "image");
}

TEST_CASE("exports go into a created folder, never overwrite, and read back") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() /
                         ("convis-exports-test-" + std::to_string(::getpid())) / "nested";
    fs::remove_all(dir.parent_path());
    const std::string first = exportFilePath(dir.string(), "convis-output");
    CHECK(fs::is_directory(dir));
    CHECK(fs::path(first).parent_path() == dir);
    CHECK(fs::path(first).extension() == ".png");
    Image image(3, 2);
    image.pixel(1, 1)[0] = 200;
    savePng(image, first);
    const std::string second = exportFilePath(dir.string(), "convis-output");
    CHECK(second != first);  // same second, different file
    CHECK(loadImage(first) == image);
    fs::remove_all(dir.parent_path());
}

TEST_CASE("an export folder that cannot be created is an IoError") {
    CHECK_THROWS_AS(exportFilePath("/proc/convis-cannot-exist/here", "x"), IoError);
}

}  // namespace convis
