// Atomic file replacement: write a temp file in the same folder, flush, fsync, rename.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace convis {

// Writes bytes to path so that readers see either the old file or the complete new one.
// On any failure (unwritable folder, full disk, ...) the temp file is removed, the previous
// file is untouched, and IoError says what failed and where. A path that names a device or
// FIFO (for example /dev/full) is written in place, since those cannot be renamed over.
void writeFileAtomically(const std::string& path, std::span<const std::uint8_t> bytes);
void writeFileAtomically(const std::string& path, std::string_view text);

// Checks, before long work, that writeFileAtomically(path, ...) can start: the target is not a
// directory and its folder exists and is writable. Throws IoError with the same messages.
// (The write itself can still fail later, for example on a full disk.)
void checkWritableTarget(const std::string& path);

}  // namespace convis
