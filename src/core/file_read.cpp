// Whole-file reads through POSIX calls, so that every failure has a precise reason.
#include "core/file_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace convis {

namespace {

// Closes the descriptor when the read ends, however it ends.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }

  private:
    int m_fd;
};

[[noreturn]] void fail(const std::string& path, const std::string& reason) {
    throw InputError("cannot read '" + path + "': " + reason);
}

}  // namespace

std::string errnoText(int error) {
    char buffer[256] = {};
    // GNU strerror_r returns the message, which may or may not live in buffer.
    const char* text = strerror_r(error, buffer, sizeof buffer);
    return text != nullptr ? std::string(text) : "error " + std::to_string(error);
}

std::vector<std::uint8_t> readInputFile(const std::string& path, std::uint64_t maxBytes) {
    if (path.empty()) {
        throw InputError("cannot read '': the file name is empty");
    }
    // O_NONBLOCK: opening a FIFO without a writer must not hang; fstat then rejects it.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        const int error = errno;
        fail(path, error == ENOENT ? std::string("no such file") : errnoText(error));
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        fail(path, errnoText(errno));
    }
    if (S_ISDIR(info.st_mode)) {
        fail(path, "it is a directory, not a file");
    }
    if (!S_ISREG(info.st_mode)) {
        fail(path, "not a regular file");
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (size == 0) {
        fail(path, "the file is empty");
    }
    if (size > maxBytes) {
        fail(path, "the file is " + std::to_string(size) + " bytes, more than the limit of " +
                       std::to_string(maxBytes));
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(path, errnoText(errno));
        }
        if (n == 0) {
            break;  // the file shrank while we read it
        }
        done += static_cast<std::size_t>(n);
    }
    if (done == 0) {
        fail(path, "the file is empty");
    }
    bytes.resize(done);
    return bytes;
}

}  // namespace convis
