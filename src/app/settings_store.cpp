// Settings persistence with nlohmann-json.
#include "app/settings_store.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace convis {

namespace {

constexpr int kSchemaVersion = 1;

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

// Reads a whole file; nullopt when it does not exist.
std::optional<std::string> readFile(const std::string& path, std::string& message) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        message = path + ": cannot be read; using defaults";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeJson(const std::string& path, const nlohmann::json& json) {
    std::error_code error;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), error);
    if (error) {
        throw IoError(path + ": cannot create its folder: " + error.message());
    }
    writeFileAtomically(path, std::string_view(json.dump(2) + "\n"));
}

float finiteOr(const nlohmann::json& json, const char* key, float fallback) {
    const auto value = json.value(key, static_cast<double>(fallback));
    return std::isfinite(value) ? static_cast<float>(value) : fallback;
}

}  // namespace

StorePaths defaultStorePaths() {
    StorePaths paths;
    const std::string home = environment("HOME");
    std::string config = environment("XDG_CONFIG_HOME");
    std::string state = environment("XDG_STATE_HOME");
    if (config.empty() && !home.empty()) {
        config = home + "/.config";
    }
    if (state.empty() && !home.empty()) {
        state = home + "/.local/state";
    }
    if (!config.empty()) {
        paths.settingsFile = config + "/convis/settings.json";
    }
    if (!state.empty()) {
        paths.recentFile = state + "/convis/recent.json";
    }
    paths.defaultExportDir =
        home.empty() ? std::string("convis-exports") : home + "/Pictures/convis";
    return paths;
}

std::optional<StoredSettings> loadSettings(const std::string& path, std::string& message) {
    if (path.empty()) {
        return std::nullopt;
    }
    const auto text = readFile(path, message);
    if (!text) {
        return std::nullopt;
    }
    try {
        const nlohmann::json json = nlohmann::json::parse(*text);
        if (!json.is_object()) {
            throw std::runtime_error("not a JSON object");
        }
        StoredSettings s;
        s.live = json.value("live", s.live);
        s.threads = std::clamp(json.value("threads", s.threads), 0, 1024);
        s.backendId = json.value("backend", s.backendId);
        s.presetId = json.value("preset", s.presetId);
        s.exportDir = json.value("exportDir", s.exportDir);
        s.windowWidth = std::clamp(json.value("windowWidth", s.windowWidth), 640, 8192);
        s.windowHeight = std::clamp(json.value("windowHeight", s.windowHeight), 480, 8192);
        if (json.contains("view")) {
            const nlohmann::json& v = json.at("view");
            const int mode = std::clamp(v.value("mode", static_cast<int>(s.view.mode)), 0, 3);
            s.view.mode = static_cast<ui::ViewMode>(mode);
            s.view.split = std::clamp(finiteOr(v, "split", s.view.split), 0.0f, 1.0f);
            s.view.diverging = v.value("diverging", s.view.diverging);
        }
        if (json.contains("layout")) {
            const nlohmann::json& l = json.at("layout");
            s.layout.leftWidth =
                std::clamp(finiteOr(l, "leftWidth", s.layout.leftWidth), 160.0f, 2000.0f);
            s.layout.rightWidth =
                std::clamp(finiteOr(l, "rightWidth", s.layout.rightWidth), 160.0f, 2000.0f);
            s.layout.logHeight =
                std::clamp(finiteOr(l, "logHeight", s.layout.logHeight), 60.0f, 2000.0f);
            s.layout.showKernel = l.value("showKernel", s.layout.showKernel);
            s.layout.showBackends = l.value("showBackends", s.layout.showBackends);
            s.layout.showLog = l.value("showLog", s.layout.showLog);
        }
        return s;
    } catch (const std::exception& e) {
        message =
            path + " is corrupt and was ignored (" + std::string(e.what()) + "); using defaults";
        return std::nullopt;
    }
}

void saveSettings(const std::string& path, const StoredSettings& s) {
    if (path.empty()) {
        return;
    }
    nlohmann::json json;
    json["schema"] = kSchemaVersion;
    json["live"] = s.live;
    json["threads"] = s.threads;
    json["backend"] = s.backendId;
    json["preset"] = s.presetId;
    json["exportDir"] = s.exportDir;
    json["windowWidth"] = s.windowWidth;
    json["windowHeight"] = s.windowHeight;
    json["view"] = {{"mode", static_cast<int>(s.view.mode)},
                    {"split", s.view.split},
                    {"diverging", s.view.diverging}};
    json["layout"] = {{"leftWidth", s.layout.leftWidth},       {"rightWidth", s.layout.rightWidth},
                      {"logHeight", s.layout.logHeight},       {"showKernel", s.layout.showKernel},
                      {"showBackends", s.layout.showBackends}, {"showLog", s.layout.showLog}};
    writeJson(path, json);
}

std::vector<std::string> loadRecent(const std::string& path, std::string& message) {
    std::vector<std::string> files;
    if (path.empty()) {
        return files;
    }
    const auto text = readFile(path, message);
    if (!text) {
        return files;
    }
    try {
        const nlohmann::json json = nlohmann::json::parse(*text);
        for (const auto& entry : json.at("files")) {
            files.push_back(entry.get<std::string>());
        }
    } catch (const std::exception& e) {
        message = path + " is corrupt and was ignored (" + std::string(e.what()) + ")";
        files.clear();
    }
    return files;
}

void saveRecent(const std::string& path, const std::vector<std::string>& files) {
    if (path.empty()) {
        return;
    }
    writeJson(path, nlohmann::json{{"schema", kSchemaVersion}, {"files", files}});
}

void rememberRecent(std::vector<std::string>& files, const std::string& path, std::size_t limit) {
    files.erase(std::remove(files.begin(), files.end(), path), files.end());
    files.insert(files.begin(), path);
    if (files.size() > limit) {
        files.resize(limit);
    }
}

}  // namespace convis
