// CONVIS_HD marks the small inline functions that CUDA device code shares with the CPU paths,
// so the border rules and rounding exist once. Includes no CUDA header.
#pragma once

#if defined(__CUDACC__)
#define CONVIS_HD __host__ __device__
#else
#define CONVIS_HD
#endif
