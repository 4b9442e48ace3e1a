// Asynchronous global-to-shared copies (cp.async, compute capability 8.0 and up; plain copies
// below), used where a kernel must have its next input in flight while it computes: read-only
// loads issued ahead into registers may be moved by the compiler next to their first use, copies
// into shared memory cannot.
#pragma once

#include <cuda_runtime.h>

namespace convis::device {

// Copies 4, 8 or 16 bytes (aligned to their size) from global to shared memory asynchronously.
__device__ inline void copyAsync(void* shared, const void* global, int bytes) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    const unsigned to = static_cast<unsigned>(__cvta_generic_to_shared(shared));
    if (bytes == 16) {
        asm volatile("cp.async.ca.shared.global [%0], [%1], 16;" ::"r"(to), "l"(global));
    } else if (bytes == 8) {
        asm volatile("cp.async.ca.shared.global [%0], [%1], 8;" ::"r"(to), "l"(global));
    } else {
        asm volatile("cp.async.ca.shared.global [%0], [%1], 4;" ::"r"(to), "l"(global));
    }
#else
    // No asynchronous copies below compute capability 8.0: a plain copy, already complete when
    // copyWait is reached (the streaming lane kernel runs there this way).
    if (bytes == 16) {
        *static_cast<uint4*>(shared) = *static_cast<const uint4*>(global);
    } else if (bytes == 8) {
        *static_cast<uint2*>(shared) = *static_cast<const uint2*>(global);
    } else {
        *static_cast<unsigned*>(shared) = *static_cast<const unsigned*>(global);
    }
#endif
}

// Closes the group of copies issued since the last call.
__device__ inline void copyCommit() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    asm volatile("cp.async.commit_group;");
#endif
}

// Waits until at most kPending of the calling thread's groups are still in flight.
template <int kPending>
__device__ inline void copyWait() {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 800
    asm volatile("cp.async.wait_group %0;" ::"n"(kPending) : "memory");
#endif
}

}  // namespace convis::device
