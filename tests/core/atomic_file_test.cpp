// Atomic writes: new and replaced files, unwritable targets, devices, and a real full disk.
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "test_support.hpp"

using namespace convis;

namespace {
std::string writeError(const std::string& path, std::string_view text) {
    try {
        writeFileAtomically(path, text);
    } catch (const IoError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("atomic write: creates and replaces, leaving no temp file") {
    test::TempDir dir;
    const std::string path = dir.file("out.txt");
    writeFileAtomically(path, std::string_view("first"));
    CHECK(test::readText(path) == "first");
    writeFileAtomically(path, std::string_view("second, longer"));
    CHECK(test::readText(path) == "second, longer");
    writeFileAtomically(path, std::string_view(""));
    CHECK(test::readText(path).empty());
    CHECK(dir.entries() == std::vector<std::string>{"out.txt"});
}

TEST_CASE("atomic write: keeps the permissions of the file it replaces") {
    test::TempDir dir;
    const std::string path = dir.file("script.sh");
    test::writeText(path, "old");
    REQUIRE(::chmod(path.c_str(), 0750) == 0);
    writeFileAtomically(path, std::string_view("new"));
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 07777) == 0750);
}

TEST_CASE("atomic write: new files get the permissions the umask allows") {
    test::TempDir dir;
    const mode_t old = ::umask(027);
    writeFileAtomically(dir.file("new.txt"), std::string_view("x"));
    ::umask(old);
    struct stat info {};
    REQUIRE(::stat(dir.file("new.txt").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0640);
}

TEST_CASE("atomic write: a symbolic link keeps pointing at the replaced file") {
    test::TempDir dir;
    const std::string target = dir.file("target.txt");
    const std::string link = dir.file("link.txt");
    test::writeText(target, "old");
    std::filesystem::create_symlink(target, link);
    writeFileAtomically(link, std::string_view("new"));
    CHECK(std::filesystem::is_symlink(link));
    CHECK(test::readText(target) == "new");
}

TEST_CASE("atomic write: under a non-directory, in a missing folder, onto a directory") {
    test::TempDir dir;
    const std::string file = dir.file("plain");
    test::writeText(file, "x");
    // ENOTDIR holds for root too, unlike permission bits.
    CHECK(writeError(file + "/out.png", "data") ==
          "cannot write '" + file + "/out.png': Not a directory");
    CHECK(writeError(dir.file("nope/out.png"), "data").find("No such file or directory") !=
          std::string::npos);
    CHECK(writeError(dir.path().string(), "data") ==
          "cannot write '" + dir.path().string() + "': it is a directory");
    CHECK(writeError(dir.path().string() + "/", "data").find("cannot write") == 0);
    CHECK(writeError("", "data").find("empty") != std::string::npos);
    CHECK(test::readText(file) == "x");
    CHECK(dir.entries() == std::vector<std::string>{"plain"});
}

TEST_CASE("atomic write: devices are written in place and their errors reported") {
    REQUIRE(std::filesystem::is_character_file("/dev/full"));
    CHECK(writeError("/dev/full", "data") == "cannot write '/dev/full': No space left on device");
    CHECK_NOTHROW(writeFileAtomically("/dev/null", std::string_view("data")));
}

TEST_CASE("atomic write: a full disk during the temp write leaves the old file and no temp") {
    test::TempDir dir;
    const std::string path = dir.file("image.png");
    test::writeText(path, "the previous image");
    // A child process with a 64 KiB file size limit, SIGXFSZ ignored: write() then fails with
    // EFBIG part way through the temp file, exactly as on a full disk.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit {};
        limit.rlim_cur = limit.rlim_max = 64 * 1024;
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) {
            ::_exit(3);
        }
        const std::string big(1024 * 1024, 'x');
        try {
            writeFileAtomically(path, big);
        } catch (const IoError& e) {
            const std::string message = e.what();
            ::_exit(message.find("File too large") != std::string::npos ? 0 : 2);
        }
        ::_exit(1);  // the write claimed success
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(test::readText(path) == "the previous image");
    CHECK(dir.entries() == std::vector<std::string>{"image.png"});
}

TEST_CASE("atomic write: a FIFO is never replaced, and one without a reader fails at once") {
    test::TempDir dir;
    const std::string fifo = dir.file("pipe");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(writeError(fifo, "data") == "cannot write '" + fifo + "': a FIFO with no reader");
    CHECK(std::filesystem::is_fifo(fifo));
    CHECK(dir.entries() == std::vector<std::string>{"pipe"});
}

TEST_CASE("atomic write: the target check refuses what the write would refuse") {
    test::TempDir dir;
    const std::string file = dir.file("plain");
    test::writeText(file, "x");
    CHECK_NOTHROW(checkWritableTarget(dir.file("new.png")));
    CHECK_NOTHROW(checkWritableTarget(file));
    CHECK_NOTHROW(checkWritableTarget("/dev/null"));
    CHECK_THROWS_WITH_AS(checkWritableTarget(file + "/out.png"),
                         doctest::Contains("Not a directory"), IoError);
    CHECK_THROWS_WITH_AS(checkWritableTarget(dir.file("nope/out.png")),
                         doctest::Contains("No such file or directory"), IoError);
    CHECK_THROWS_WITH_AS(checkWritableTarget(dir.path().string()),
                         doctest::Contains("it is a directory"), IoError);
    CHECK_THROWS_AS(checkWritableTarget(""), IoError);
    CHECK(dir.entries() == std::vector<std::string>{"plain"});
}
