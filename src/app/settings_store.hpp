// Settings and window layout in ~/.config/convis/settings.json, recent files in
// ~/.local/state/convis/recent.json (XDG variables honoured); both written atomically. A corrupt
// file is ignored with a message and replaced on the next save.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ui/app_state.hpp"

namespace convis {

struct StoredSettings {
    ui::ViewSettings view;
    ui::LayoutSettings layout;
    bool live = true;
    int threads = 0;  // cpu-parallel, 0 = one per hardware thread
    std::string backendId = "cpu-sequential";
    std::string presetId = "gaussian5";
    std::string exportDir;  // empty: the default
    int windowWidth = 1600;
    int windowHeight = 900;
    bool operator==(const StoredSettings&) const = default;
};

struct StorePaths {
    std::string settingsFile;  // empty when no home folder is known (nothing is persisted)
    std::string recentFile;
    std::string defaultExportDir;
};

// Paths from XDG_CONFIG_HOME / XDG_STATE_HOME / HOME.
StorePaths defaultStorePaths();

// nullopt when the file is missing (no message) or unreadable/corrupt (message set).
std::optional<StoredSettings> loadSettings(const std::string& path, std::string& message);
// Throws IoError.
void saveSettings(const std::string& path, const StoredSettings& settings);

std::vector<std::string> loadRecent(const std::string& path, std::string& message);
void saveRecent(const std::string& path, const std::vector<std::string>& files);

// Moves path to the front of the list (no duplicates), keeping at most `limit` entries.
void rememberRecent(std::vector<std::string>& files, const std::string& path, std::size_t limit);

}  // namespace convis
