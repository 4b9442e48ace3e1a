// The convolution kernels of conv_naive.cuh, conv_tiled.cuh and conv_fast.cuh, instantiated with
// a store policy that writes through a CUDA surface, so the output can land directly in a GL
// texture mapped through CUDA-GL interop. This file knows nothing of GL.
#include <cuda_runtime.h>

#include <cstring>
#include <type_traits>

#include "conv_fast.cuh"
#include "conv_naive.cuh"
#include "conv_tiled.cuh"
#include "kernel_launch.cuh"
#include "surface_launch.hpp"

namespace convis::kernels {

static_assert(std::is_same_v<cudaSurfaceObject_t, unsigned long long>,
              "surface_launch.hpp passes surfaces as unsigned long long");

namespace {

// The store policy of the kernel templates (see device::GlobalStore), writing an RGBA8 surface.
// Surface x coordinates are in bytes. A quad is four stores: a 16-byte surface store on a
// 4-byte-element array is not a documented access.
struct SurfaceStore {
    cudaSurfaceObject_t surface;

    __device__ void storePixel(int x, int y, uchar4 v) const {
        surf2Dwrite(v, surface, x * static_cast<int>(sizeof(uchar4)), y);
    }
    __device__ void storeQuad(int x, int y, uint4 v) const {
        storePixel(x, y, unpack(v.x));
        storePixel(x + 1, y, unpack(v.y));
        storePixel(x + 2, y, unpack(v.z));
        storePixel(x + 3, y, unpack(v.w));
    }
    __device__ static uchar4 unpack(unsigned v) {
        return make_uchar4(
            static_cast<unsigned char>(v & 0xFFu), static_cast<unsigned char>((v >> 8) & 0xFFu),
            static_cast<unsigned char>((v >> 16) & 0xFFu), static_cast<unsigned char>(v >> 24));
    }
};

ConvParams toParams(const SurfaceInput& input, const SurfaceRequest& request) {
    ConvParams p;
    p.width = input.width;
    p.height = input.height;
    p.inPitch = input.pitch;
    p.outPitch = 0;  // the surface has its own layout
    p.kernelWidth = request.tapsWidth;
    p.kernelHeight = request.tapsHeight;
    p.border = request.border;
    p.divisor = request.divisor;
    p.offset = request.offset;
    p.absolute = request.absolute;
    p.channelMask = request.channelMask;
    return p;
}

template <int KW, bool kAlpha>
int launchFastFor(const ConvParams& p, const TapTable& taps, const std::uint8_t* d_in,
                  SurfaceStore out, cudaStream_t stream) {
    using C = device::FastConfig<KW>;
    const dim3 block(C::kThreadsX, C::kThreadsY);
    const dim3 grid(static_cast<unsigned>(device::ceilDiv(p.width, C::kOutW)),
                    static_cast<unsigned>(device::ceilDiv(p.height, C::kThreadsY)));
    return device::launchWithSharedMemory(device::fastConvKernel<KW, kAlpha, SurfaceStore>, grid,
                                          block, C::sharedBytes(p.kernelHeight), stream, p, taps,
                                          d_in, out);
}

template <bool kAlpha>
int dispatchFast(const ConvParams& p, const TapTable& taps, const std::uint8_t* d_in,
                 SurfaceStore out, cudaStream_t stream) {
    switch (p.kernelWidth) {
#define CONVIS_SURFACE_FAST_CASE(k) \
    case k:                         \
        return launchFastFor<k, kAlpha>(p, taps, d_in, out, stream);
        CONVIS_ODD_WIDTHS(CONVIS_SURFACE_FAST_CASE)
#undef CONVIS_SURFACE_FAST_CASE
        default:
            return static_cast<int>(cudaErrorInvalidValue);
    }
}

bool validBlock(int w, int h) {
    return w >= 8 && w <= 32 && h >= 8 && h <= 32;
}

}  // namespace

int launchSurfaceConv(SurfaceVariant variant, const SurfaceInput& input,
                      const SurfaceRequest& request, unsigned long long surface, int blockWidth,
                      int blockHeight, CUstream_st* stream) {
    if (input.width < 1 || input.height < 1 || input.pitch % 16 != 0 || request.tapsWidth < 1 ||
        request.tapsHeight < 1 || request.tapsWidth > kMaxKernelSide ||
        request.tapsHeight > kMaxKernelSide || request.tapsWidth % 2 == 0 ||
        request.tapsHeight % 2 == 0) {
        return static_cast<int>(cudaErrorInvalidValue);
    }
    const ConvParams p = toParams(input, request);
    const SurfaceStore out{surface};
    const int tapCount = request.tapsWidth * request.tapsHeight;
    switch (variant) {
        case SurfaceVariant::Naive: {
            if (!validBlock(blockWidth, blockHeight) || request.d_taps == nullptr) {
                return static_cast<int>(cudaErrorInvalidValue);
            }
            const dim3 block(static_cast<unsigned>(blockWidth), static_cast<unsigned>(blockHeight));
            const dim3 grid(static_cast<unsigned>(device::ceilDiv(p.width, blockWidth)),
                            static_cast<unsigned>(device::ceilDiv(p.height, blockHeight)));
            device::naiveConvKernel<<<grid, block, 0, stream>>>(p, request.d_taps, input.d_pixels,
                                                                out);
            return static_cast<int>(cudaGetLastError());
        }
        case SurfaceVariant::Tiled:
        case SurfaceVariant::Fast: {
            if (request.h_taps == nullptr) {
                return static_cast<int>(cudaErrorInvalidValue);
            }
            TapTable taps{};
            std::memcpy(taps.w, request.h_taps, static_cast<std::size_t>(tapCount) * sizeof(float));
            if (variant == SurfaceVariant::Fast) {
                return (p.channelMask & 8u) != 0u
                           ? dispatchFast<true>(p, taps, input.d_pixels, out, stream)
                           : dispatchFast<false>(p, taps, input.d_pixels, out, stream);
            }
            if (!validBlock(blockWidth, blockHeight)) {
                return static_cast<int>(cudaErrorInvalidValue);
            }
            const dim3 block(static_cast<unsigned>(blockWidth), static_cast<unsigned>(blockHeight));
            const dim3 grid(static_cast<unsigned>(device::ceilDiv(p.width, blockWidth)),
                            static_cast<unsigned>(device::ceilDiv(p.height, blockHeight)));
            const std::size_t shared = device::tiledSharedBytes(blockWidth, blockHeight, p);
            device::tiledConvKernel<<<grid, block, shared, stream>>>(p, taps, input.d_pixels, out);
            return static_cast<int>(cudaGetLastError());
        }
    }
    return static_cast<int>(cudaErrorInvalidValue);
}

}  // namespace convis::kernels
