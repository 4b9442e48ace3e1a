// Settings and recent files: round trip, and a corrupt file ignored with a message.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "app/settings_store.hpp"

namespace convis {

namespace {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("convis-settings-test-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

void writeText(const std::filesystem::path& path, const std::string& text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
}

}  // namespace

TEST_CASE("settings survive a save and load") {
    TempDir dir;
    const std::string file = (dir.path / "convis" / "settings.json").string();
    StoredSettings settings;
    settings.view.mode = ui::ViewMode::Split;
    settings.view.split = 0.25f;
    settings.view.diverging = true;
    settings.layout.leftWidth = 420.0f;
    settings.layout.showLog = false;
    settings.live = false;
    settings.backendId = "cpu-parallel";
    settings.presetId = "sobel-y";
    settings.windowWidth = 1280;
    settings.windowHeight = 720;
    saveSettings(file, settings);  // creates the folder
    std::string message;
    const auto loaded = loadSettings(file, message);
    REQUIRE(loaded.has_value());
    CHECK(message.empty());
    CHECK(loaded->view.mode == ui::ViewMode::Split);
    CHECK(loaded->view.split == 0.25f);
    CHECK(loaded->view.diverging);
    CHECK(loaded->layout.leftWidth == 420.0f);
    CHECK_FALSE(loaded->layout.showLog);
    CHECK_FALSE(loaded->live);
    CHECK(loaded->backendId == "cpu-parallel");
    CHECK(loaded->presetId == "sobel-y");
    CHECK(loaded->windowWidth == 1280);
}

TEST_CASE("a missing settings file gives defaults without a message") {
    TempDir dir;
    std::string message;
    CHECK_FALSE(loadSettings((dir.path / "none.json").string(), message).has_value());
    CHECK(message.empty());
}

TEST_CASE("a corrupt settings file is ignored with a message") {
    TempDir dir;
    const auto file = dir.path / "settings.json";
    for (const char* text : {"{\"live\": tru", "[1, 2, 3]", "{\"live\": \"yes\"}",
                             "{\"view\": {\"mode\": \"split\"}}", "\x01\x02"}) {
        CAPTURE(text);
        writeText(file, text);
        std::string message;
        CHECK_FALSE(loadSettings(file.string(), message).has_value());
        CHECK(message.find("corrupt") != std::string::npos);
    }
}

TEST_CASE("out-of-range stored values are clamped, not trusted") {
    TempDir dir;
    const auto file = dir.path / "settings.json";
    writeText(file, R"({"windowWidth": 100000, "view": {"mode": 9, "split": 7.5},
                        "layout": {"leftWidth": -5}})");
    std::string message;
    const auto loaded = loadSettings(file.string(), message);
    REQUIRE(loaded.has_value());
    CHECK(loaded->windowWidth == 8192);
    CHECK(loaded->view.mode == ui::ViewMode::Split);
    CHECK(loaded->view.split == 1.0f);
    CHECK(loaded->layout.leftWidth == 160.0f);
}

TEST_CASE("recent files: newest first, no duplicates, bounded, corrupt file ignored") {
    std::vector<std::string> files;
    rememberRecent(files, "/a.png", 3);
    rememberRecent(files, "/b.png", 3);
    rememberRecent(files, "/a.png", 3);
    rememberRecent(files, "/c.png", 3);
    rememberRecent(files, "/d.png", 3);
    CHECK(files == std::vector<std::string>{"/d.png", "/c.png", "/a.png"});

    TempDir dir;
    const std::string file = (dir.path / "state" / "recent.json").string();
    saveRecent(file, files);
    std::string message;
    CHECK(loadRecent(file, message) == files);
    writeText(file, "{\"files\": [1, 2]}");
    CHECK(loadRecent(file, message).empty());
    CHECK(message.find("corrupt") != std::string::npos);
}

}  // namespace convis
