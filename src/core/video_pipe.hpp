// Frames into a video through the `ffmpeg` program, over a pipe. A missing ffmpeg is a clear
// IoError before any work; an ffmpeg that stops reading (EPIPE) is an IoError too, never a
// SIGPIPE that kills the process.
#pragma once

#include <sys/types.h>

#include <string>

#include "core/image.hpp"

namespace convis {

// The full path of an executable `name` in the colon-separated `searchPath` (normally $PATH);
// empty when there is none.
std::string findProgram(const std::string& name, const std::string& searchPath);

// The path of ffmpeg from $PATH, or an IoError saying how to get one.
std::string requireFfmpeg();

class VideoPipe {
  public:
    // Starts `program` (ffmpeg or compatible) to encode width x height RGBA frames at fps into
    // outPath; the format follows the extension (.mp4: H.264, .gif: palette GIF). The video is
    // written under a temporary name and renamed into place by finish(), so a failed export
    // leaves no half file. Throws IoError when the program cannot be started.
    VideoPipe(const std::string& program, const std::string& outPath, int width, int height,
              int fps);
    ~VideoPipe();  // an unfinished pipe is closed and its process reaped; the partial file removed
    VideoPipe(const VideoPipe&) = delete;
    VideoPipe& operator=(const VideoPipe&) = delete;

    // Throws InputError for a frame of the wrong size, IoError when the encoder stopped reading.
    void write(const Image& frame);
    // Closes the pipe, waits for the encoder, and renames the video into place; throws IoError
    // with the encoder's exit status when it failed.
    void finish();

  private:
    void closeAndReap();

    std::string m_outPath;
    std::string m_partialPath;
    int m_width = 0;
    int m_height = 0;
    int m_fd = -1;
    pid_t m_pid = -1;
    int m_status = 0;
};

}  // namespace convis
