// ffmpeg over a pipe: fork/exec with the pipe as its stdin, writes with SIGPIPE blocked for the
// writing thread only (no process-wide handler), and the pending signal drained after EPIPE.
#include "core/video_pipe.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

#include "core/error.hpp"

namespace convis {

namespace {

// Blocks SIGPIPE on this thread for the guard's life; a SIGPIPE raised meanwhile is consumed
// before the mask is restored, so it is never delivered.
class SigpipeGuard {
  public:
    SigpipeGuard() {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGPIPE);
        sigpending(&m_pendingBefore);
        pthread_sigmask(SIG_BLOCK, &set, &m_old);
    }
    ~SigpipeGuard() {
        sigset_t pending;
        sigpending(&pending);
        if (sigismember(&pending, SIGPIPE) == 1 && sigismember(&m_pendingBefore, SIGPIPE) != 1) {
            sigset_t set;
            sigemptyset(&set);
            sigaddset(&set, SIGPIPE);
            const timespec zero{0, 0};
            while (sigtimedwait(&set, nullptr, &zero) == -1 && errno == EINTR) {
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

  private:
    sigset_t m_old{};
    sigset_t m_pendingBefore{};
};

std::string extensionOf(const std::string& path) {
    return std::filesystem::path(path).extension().string();
}

}  // namespace

std::string findProgram(const std::string& name, const std::string& searchPath) {
    if (name.find('/') != std::string::npos) {
        return ::access(name.c_str(), X_OK) == 0 ? name : std::string();
    }
    std::size_t begin = 0;
    while (begin <= searchPath.size()) {
        std::size_t end = searchPath.find(':', begin);
        if (end == std::string::npos) {
            end = searchPath.size();
        }
        const std::string dir = searchPath.substr(begin, end - begin);
        if (!dir.empty()) {
            const std::string candidate = dir + "/" + name;
            struct stat info {};
            if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
                ::access(candidate.c_str(), X_OK) == 0) {
                return candidate;
            }
        }
        begin = end + 1;
    }
    return {};
}

std::string requireFfmpeg() {
    const char* path = std::getenv("PATH");
    const std::string found = findProgram("ffmpeg", path != nullptr ? path : "");
    if (found.empty()) {
        throw IoError(
            "ffmpeg not found on PATH: install it (e.g. apt install ffmpeg) for MP4 or GIF, or "
            "export numbered PNG frames instead");
    }
    return found;
}

VideoPipe::VideoPipe(const std::string& program, const std::string& outPath, int width, int height,
                     int fps)
    : m_outPath(outPath), m_width(width), m_height(height) {
    const std::string ext = extensionOf(outPath);
    if (ext != ".mp4" && ext != ".gif") {
        throw InputError("video file must end in .mp4 or .gif: " + outPath);
    }
    if (width <= 0 || height <= 0 || fps <= 0 || fps > 240) {
        throw InputError("video needs a positive size and 1..240 frames per second");
    }
    const std::filesystem::path out(outPath);
    std::string partialName = ".";
    partialName.append(out.stem().string()).append(".partial").append(ext);
    m_partialPath = (out.parent_path() / partialName).string();
    std::vector<std::string> args = {program,
                                     "-hide_banner",
                                     "-loglevel",
                                     "error",
                                     "-y",
                                     "-f",
                                     "rawvideo",
                                     "-pix_fmt",
                                     "rgba",
                                     "-s",
                                     std::to_string(width) + "x" + std::to_string(height),
                                     "-r",
                                     std::to_string(fps),
                                     "-i",
                                     "-"};
    if (ext == ".mp4") {
        // Even sizes for yuv420p; nearest scaling keeps cell edges sharp.
        for (const char* a : {"-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2:flags=neighbor", "-c:v",
                              "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart"}) {
            args.emplace_back(a);
        }
    } else {
        args.emplace_back("-vf");
        args.emplace_back("split[a][b];[a]palettegen[p];[b][p]paletteuse");
    }
    args.push_back(m_partialPath);
    std::vector<char*> argv;
    for (std::string& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw IoError(std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int error = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw IoError(std::string("cannot start ffmpeg: ") + std::strerror(error));
    }
    if (pid == 0) {
        // Child: only async-signal-safe calls until exec.
        ::dup2(fds[0], STDIN_FILENO);
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, STDOUT_FILENO);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(fds[0]);
    m_fd = fds[1];
    m_pid = pid;
}

VideoPipe::~VideoPipe() {
    if (m_fd >= 0 || m_pid > 0) {
        closeAndReap();
        std::error_code ignored;
        std::filesystem::remove(m_partialPath, ignored);
    }
}

void VideoPipe::closeAndReap() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_pid > 0) {
        while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }
}

void VideoPipe::write(const Image& frame) {
    if (frame.width() != m_width || frame.height() != m_height) {
        throw InputError("video frames must all be " + std::to_string(m_width) + "x" +
                         std::to_string(m_height));
    }
    if (m_fd < 0) {
        throw IoError("the video is already finished");
    }
    const SigpipeGuard guard;
    const std::uint8_t* data = frame.data();
    std::size_t left = frame.byteCount();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, data, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error = errno;
            closeAndReap();
            throw IoError(
                error == EPIPE
                    ? "ffmpeg stopped reading frames (exit status " +
                          std::to_string(WIFEXITED(m_status) ? WEXITSTATUS(m_status) : -1) + ")"
                    : std::string("writing to ffmpeg: ") + std::strerror(error));
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
}

void VideoPipe::finish() {
    closeAndReap();
    if (!WIFEXITED(m_status) || WEXITSTATUS(m_status) != 0) {
        std::error_code ignored;
        std::filesystem::remove(m_partialPath, ignored);
        throw IoError("ffmpeg failed (exit status " +
                      std::to_string(WIFEXITED(m_status) ? WEXITSTATUS(m_status) : -1) +
                      "); no video written");
    }
    std::error_code error;
    std::filesystem::rename(m_partialPath, m_outPath, error);
    if (error) {
        throw IoError("cannot move the video into place: " + error.message());
    }
}

}  // namespace convis
