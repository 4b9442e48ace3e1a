// The AVX-512 VNNI integer 2D kernel (row_kernels_vnni.cpp). Internal to the backend.
#pragma once

#include <cstdint>

#include "backends/row_kernels.hpp"

namespace convis::vnni {

#if defined(__x86_64__)
bool supported();
void buildQuads(const std::uint8_t* padded, int count, std::int32_t* quads);
void convolveQuads(const std::int32_t* const* quadRows, const std::int32_t* weights, int groups,
                   int kh, int n, const RowFinish& finish, const std::uint8_t* input,
                   std::uint8_t* out);
#endif

}  // namespace convis::vnni
