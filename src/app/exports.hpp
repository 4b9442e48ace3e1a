// Where exported PNGs (Ctrl+S outputs, F12 screenshots) go: a time-stamped, never-clobbering
// file name in the export folder, which is created on demand.
#pragma once

#include <string>

namespace convis {

// Letters, digits, '-' and '_' kept; anything else becomes '-' ("pattern: zoneplate" ->
// "pattern--zoneplate"). Empty text gives "image".
std::string fileStem(std::string text);

// dir/STEM-YYYYmmdd-HHMMSS.png, or with -2, -3 ... when that file exists already. Creates dir.
// Throws IoError when the folder cannot be created.
std::string exportFilePath(const std::string& dir, const std::string& stem);

}  // namespace convis
