// Export file naming.
#include "app/exports.hpp"

#include <ctime>
#include <filesystem>
#include <system_error>

#include "core/error.hpp"

namespace convis {

namespace {

std::string timestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &local);
    return text;
}

}  // namespace

std::string fileStem(std::string text) {
    for (char& c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
            c = '-';
        }
    }
    return text.empty() ? std::string("image") : text;
}

std::string exportFilePath(const std::string& dir, const std::string& stem) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::create_directories(dir, error);
    if (error || !fs::is_directory(dir, error)) {
        throw IoError(dir + ": cannot create the export folder" +
                      (error ? ": " + error.message() : std::string()));
    }
    const std::string base = fileStem(stem) + "-" + timestamp();
    fs::path path = fs::path(dir) / (base + ".png");
    // Two saves within a second must not overwrite each other.
    for (int n = 2; fs::exists(path, error) && n < 10000; ++n) {
        path = fs::path(dir) / (base + "-" + std::to_string(n) + ".png");
    }
    return path.string();
}

}  // namespace convis
