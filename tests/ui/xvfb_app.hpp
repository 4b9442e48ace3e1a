// End-to-end runs of the real window under Xvfb, shared by the tests that need one: a private
// HOME per test, xvfb-run started by the test itself (so plain `ctest` needs no display) and
// retried when parallel tests race for a display number.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace convis::test {

namespace fs = std::filesystem;

struct RunResult {
    int exitCode = -1;
    std::string errors;  // stderr
};

// A rectangle in framebuffer pixels, as the app writes them to --screenshot-info.
struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
};

inline Rect rectFrom(const nlohmann::json& json) {
    const auto value = [&](const char* key) {
        return static_cast<int>(json.at(key).get<double>());
    };
    return Rect{value("x"), value("y"), value("w"), value("h")};
}

inline std::string shellQuote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

inline std::string readText(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A private HOME per test, so runs never read or write the user's settings.
struct Sandbox {
    fs::path root;
    explicit Sandbox(const std::string& name) {
        root = fs::temp_directory_path() / ("convis-ui-" + name + "-" + std::to_string(::getpid()));
        fs::remove_all(root);
        fs::create_directories(root / "home");
    }
    ~Sandbox() { fs::remove_all(root); }

    // Runs a shell command line with HOME set to the sandbox and XDG overrides removed.
    RunResult run(const std::string& commandLine) const {
        const fs::path errors = root / "stderr.txt";
        const std::string full = "env -u XDG_CONFIG_HOME -u XDG_STATE_HOME HOME=" +
                                 shellQuote((root / "home").string()) + " " + commandLine + " 2>" +
                                 shellQuote(errors.string()) + " >/dev/null";
        const int status = std::system(full.c_str());
        RunResult result;
        result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.errors = readText(errors);
        return result;
    }

    // The app under a fresh Xvfb (1920x1080x24). xvfb-run -a picks a free display; when
    // parallel tests race for the same number, Xvfb fails to start and we try again.
    RunResult runUnderXvfb(const std::string& arguments, const std::string& env = {}) const {
        REQUIRE_MESSAGE(std::system("command -v xvfb-run >/dev/null 2>&1") == 0,
                        "xvfb-run not found: install the xvfb package");
        RunResult result;
        for (int attempt = 0; attempt < 4; ++attempt) {
            result = run(env + " xvfb-run -a -s '-screen 0 1920x1080x24' " +
                         shellQuote(CONVIS_BINARY) + " " + arguments);
            const bool xvfbFailed = result.exitCode == 1 &&
                                    result.errors.find("Xvfb failed to start") != std::string::npos;
            if (!xvfbFailed) {
                break;
            }
            ::usleep(200000U * static_cast<unsigned>(attempt + 1));
        }
        return result;
    }

    std::string path(const std::string& name) const { return (root / name).string(); }
};

}  // namespace convis::test
