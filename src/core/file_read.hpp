// Reading a whole input file with the checks every loader shares: regular file, size limit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convis {

// The contents of path. Throws InputError with one line naming the file and the reason: missing,
// a directory or other non-regular file, unreadable, empty, or larger than maxBytes.
std::vector<std::uint8_t> readInputFile(const std::string& path, std::uint64_t maxBytes);

// strerror for an errno value, without the thread-safety trap of strerror itself.
std::string errnoText(int error);

}  // namespace convis
