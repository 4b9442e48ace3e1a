// The plain text kernel format: rows of numbers (spaces or commas), '#' starts a comment.
//
//   # Sobel X
//   -1 0 1
//   -2 0 2
//   -1 0 1
#pragma once

#include <string>
#include <string_view>

#include "core/kernel.hpp"

namespace convis {

// Throws InputError naming line and column: ragged rows, a non-number, NaN or infinity, a value
// out of range, no weights at all, even or over-large sizes.
Kernel parseKernelText(std::string_view text);

// Text that parseKernelText reads back to the identical kernel (shortest round-trip floats).
std::string formatKernelText(const Kernel& kernel, std::string_view comment = {});

Kernel loadKernelFile(const std::string& path);
void saveKernelFile(const Kernel& kernel, const std::string& path);  // atomic

}  // namespace convis
