// Atomic file replacement through POSIX calls: mkstemp beside the target, write, fsync, rename.
#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>

#include "core/error.hpp"
#include "core/file_read.hpp"

namespace convis {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
    throw IoError("cannot write '" + path + "': " + reason);
}

// Writes every byte, retrying short writes and interrupted calls. Returns 0 or an errno value.
int writeAll(int fd, std::span<const std::uint8_t> bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        if (n == 0) {
            return EIO;
        }
        done += static_cast<std::size_t>(n);
    }
    return 0;
}

// Devices and FIFOs (/dev/null, /dev/full, a pipe) cannot be renamed over: write in place.
void writeInPlace(const std::string& path, std::span<const std::uint8_t> bytes) {
    // O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of hanging.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        fail(path, error == ENXIO ? std::string("a FIFO with no reader") : errnoText(error));
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) {
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    }
    const int writeError = writeAll(fd, bytes);
    const int closeResult = ::close(fd);
    const int closeError = closeResult != 0 ? errno : 0;
    if (writeError != 0) {
        fail(path, errnoText(writeError));
    }
    if (closeError != 0) {
        fail(path, errnoText(closeError));
    }
}

std::string parentFolder(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) {
        return ".";
    }
    return slash == 0 ? "/" : path.substr(0, slash);
}

// The process umask, read from /proc because umask() can only be read by changing it, which
// would race with other threads creating files. 022 when /proc is not there.
mode_t currentUmask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("Umask:", 0) == 0) {
            return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8) & 0777);
        }
    }
    return 022;
}

// Temp file, write, fsync, close, rename: each step checked, the temp removed on any failure.
void replaceRegularFile(const std::string& path, std::span<const std::uint8_t> bytes,
                        const struct stat* existing) {
    if (!path.empty() && path.back() == '/') {
        fail(path, "the name ends in '/', which names a folder");
    }
    const std::string folder = parentFolder(path);
    const std::size_t slash = path.find_last_of('/');
    const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string temp =
        (folder == "/" ? std::string("/") : folder + "/") + "." + base + ".tmp-XXXXXX";
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        fail(path, errnoText(errno) + " (creating a temporary file in '" + folder + "')");
    }
    // Keep the permissions of the file being replaced; new files get what open() would give
    // (mkstemp makes them 0600).
    const mode_t mode =
        existing != nullptr ? (existing->st_mode & 07777) : (0666 & ~currentUmask());
    int error = ::fchmod(fd, mode) != 0 ? errno : 0;
    if (error == 0) {
        error = writeAll(fd, bytes);
    }
    if (error == 0 && ::fsync(fd) != 0) {
        error = errno;
    }
    if (::close(fd) != 0 && error == 0) {
        error = errno;
    }
    if (error == 0 && ::rename(temp.c_str(), path.c_str()) != 0) {
        error = errno;
    }
    if (error != 0) {
        ::unlink(temp.c_str());
        fail(path, errnoText(error));
    }
    // Make the rename itself durable; a failure here loses nothing already written.
    const int dirFd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

}  // namespace

void writeFileAtomically(const std::string& path, std::span<const std::uint8_t> bytes) {
    if (path.empty()) {
        fail(path, "the file name is empty");
    }
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        // Replace what the link points to, never the link itself.
        char resolved[PATH_MAX] = {};
        if (::realpath(path.c_str(), resolved) == nullptr) {
            fail(path, "a symbolic link whose target cannot be resolved: " + errnoText(errno));
        }
        writeFileAtomically(std::string(resolved), bytes);
        return;
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        const int error = errno;
        if (error != ENOENT) {
            fail(path, errnoText(error));
        }
        replaceRegularFile(path, bytes, nullptr);
        return;
    }
    if (S_ISDIR(info.st_mode)) {
        fail(path, "it is a directory");
    }
    if (S_ISBLK(info.st_mode)) {
        fail(path, "it is a block device; convis does not write images onto disks");
    }
    if (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode)) {
        writeInPlace(path, bytes);
        return;
    }
    if (!S_ISREG(info.st_mode)) {
        fail(path, "not a regular file, device or FIFO");
    }
    replaceRegularFile(path, bytes, &info);
}

void checkWritableTarget(const std::string& path) {
    if (path.empty()) {
        fail(path, "the file name is empty");
    }
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode)) {
            fail(path, "it is a directory");
        }
        if (S_ISBLK(info.st_mode)) {
            fail(path, "it is a block device; convis does not write images onto disks");
        }
        if (!S_ISREG(info.st_mode)) {
            return;  // devices and FIFOs are written in place; their errors come with the write
        }
    } else if (errno != ENOENT) {
        fail(path, errnoText(errno));
    }
    if (path.back() == '/') {
        fail(path, "the name ends in '/', which names a folder");
    }
    const std::string folder = parentFolder(path);
    if (::access(folder.c_str(), W_OK | X_OK) != 0) {
        fail(path, errnoText(errno) + " (folder '" + folder + "')");
    }
}

void writeFileAtomically(const std::string& path, std::string_view text) {
    writeFileAtomically(path, std::span<const std::uint8_t>(
                                  reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace convis
