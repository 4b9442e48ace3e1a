// Typed errors for convis: every user-facing failure is one line that names the cause.
#pragma once

#include <stdexcept>
#include <string>

namespace convis {

// Bad input from the user: a file, a kernel, an option. The CLI exits with code 2 on these.
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A file could not be written; the previous file, if any, is left as it was.
class IoError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A backend could not run (no device, out of memory, driver failure). Callers fall back.
class BackendError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A long run was cancelled by the user.
class Cancelled : public std::runtime_error {
  public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace convis
