// CudaGlProducer with CUDA: interop path (register once, map, surface, launch, unmap) and the
// copy path (same kernel into a CUDA array, download, glTexSubImage2D), with event timings.
#include "interop/cuda_gl_producer.hpp"

#include <array>
#include <chrono>
#include <exception>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "interop/cuda_failure.hpp"
#include "interop/cuda_gl_includes.hpp"
#include "interop/cuda_handles.hpp"
#include "interop/interop_probe.hpp"
#include "interop/mapped_surface.hpp"
#include "interop/producer_text.hpp"
#include "interop/registered_texture.hpp"
#include "interop/texture_access.hpp"
#include "surface_launch.hpp"

namespace convis {

using namespace interop;

namespace {

constexpr int kTapCapacity = 31 * 31;

kernels::SurfaceVariant toVariant(SurfaceKernel kernel) {
    switch (kernel) {
        case SurfaceKernel::Naive:
            return kernels::SurfaceVariant::Naive;
        case SurfaceKernel::Tiled:
            return kernels::SurfaceVariant::Tiled;
        case SurfaceKernel::Fast:
            return kernels::SurfaceVariant::Fast;
    }
    return kernels::SurfaceVariant::Tiled;
}

double elapsedMs(const CudaEvent& from, const CudaEvent& to) {
    float ms = 0.0f;
    checkCuda(cudaEventElapsedTime(&ms, from.get(), to.get()), "cudaEventElapsedTime");
    return static_cast<double>(ms);
}

bool validBlock(const ProduceOptions& options) {
    const int w = options.blockWidth;
    const int h = options.blockHeight;
    return w >= 8 && w <= 32 && h >= 8 && h <= 32;
}

std::string sizeText(int width, int height) {
    return std::to_string(width) + "x" + std::to_string(height);
}

}  // namespace

struct CudaGlProducer::Impl {
    InteropStatus status;
    bool interopAllowed = true;

    // Created on first use, after the probe has selected the device.
    CudaStream stream;
    std::array<CudaEvent, 5> events;
    DeviceMemory taps;
    std::vector<float> hostTaps;

    DeviceMemory input;
    std::size_t inputPitch = 0;  // bytes per row: 16-byte aligned rows for the fast kernel
    int inputWidth = 0;
    int inputHeight = 0;

    RegisteredTexture registered;

    // Copy path: the kernel writes into our own surface-capable array (declared before its
    // surface, so the surface is destroyed first).
    CudaArray copyArray;
    SurfaceObject copySurface;
    int copyWidth = 0;
    int copyHeight = 0;
    Image hostPixels;  // the copy path's staging image when the caller wants no host copy

    // The texture last checked with verifyRgba8Texture (checked again when it changes).
    TextureTarget verified;

    void ensureProbed() {
        if (!status.probed) {
            status = probeInterop();
        }
    }

    void ensureBasics() {
        if (!stream) {
            stream = createStream();
        }
        for (CudaEvent& event : events) {
            if (!event) {
                event = createEvent();
            }
        }
        if (!taps) {
            taps = allocateDevice(kTapCapacity * sizeof(float), "cudaMalloc(taps)");
        }
    }

    void record(int index) {
        checkCuda(cudaEventRecord(events[static_cast<std::size_t>(index)].get(), stream.get()),
                  "cudaEventRecord");
    }

    // Sends the taps (correlation order) and returns the device view of the request.
    kernels::SurfaceRequest prepare(const ConvRequest& request) {
        const Kernel correlation = request.correlationTaps();
        hostTaps = correlation.weights();
        checkCuda(cudaMemcpyAsync(taps.get(), hostTaps.data(), hostTaps.size() * sizeof(float),
                                  cudaMemcpyHostToDevice, stream.get()),
                  "cudaMemcpyAsync(taps)");
        kernels::SurfaceRequest device;
        device.h_taps = hostTaps.data();
        device.d_taps = static_cast<const float*>(taps.get());
        device.tapsWidth = correlation.width();
        device.tapsHeight = correlation.height();
        device.border = request.border;
        device.divisor = request.divisor;
        device.offset = request.offset;
        device.absolute = request.absolute;
        device.channelMask = 0;
        for (std::size_t c = 0; c < request.channels.size(); ++c) {
            if (request.channels[c]) {
                device.channelMask = static_cast<std::uint8_t>(device.channelMask | (1u << c));
            }
        }
        return device;
    }

    void launch(const kernels::SurfaceRequest& request, cudaSurfaceObject_t surface,
                const ProduceOptions& options) {
        const kernels::SurfaceInput source{static_cast<const std::uint8_t*>(input.get()),
                                           inputPitch, inputWidth, inputHeight};
        checkCuda(static_cast<cudaError_t>(kernels::launchSurfaceConv(
                      toVariant(options.kernel), source, request, surface, options.blockWidth,
                      options.blockHeight, stream.get())),
                  "kernel launch");
    }

    void runInterop(const TextureTarget& target, const kernels::SurfaceRequest& request,
                    const ProduceOptions& options, RunResult& timing) {
        if (!registered.matches(target.id, target.width, target.height)) {
            checkCuda(registered.release(), "cudaGraphicsUnregisterResource");
            registered = RegisteredTexture(target.id, target.width, target.height);
        }
        record(0);
        MappedSurface mapped(registered.resource(), stream.get());
        record(1);
        launch(request, mapped.surface(), options);
        record(2);
        if (options.hostCopy != nullptr) {
            download(mapped.array(), *options.hostCopy);
        }
        record(3);
        mapped.unmap();
        record(4);
        checkCuda(cudaEventSynchronize(events[4].get()), "cudaEventSynchronize");
        timing.stages.push_back({"interop-map", elapsedMs(events[0], events[1])});
        timing.stages.push_back({"kernel", elapsedMs(events[1], events[2])});
        if (options.hostCopy != nullptr) {
            timing.stages.push_back({"download", elapsedMs(events[2], events[3])});
        }
        timing.stages.push_back({"interop-unmap", elapsedMs(events[3], events[4])});
    }

    // Enqueues the copy of a whole RGBA8 array into `out` (resized to the input's size).
    void download(cudaArray_t array, Image& out) {
        if (out.width() != inputWidth || out.height() != inputHeight) {
            out = Image(inputWidth, inputHeight);
        }
        checkCuda(cudaMemcpy2DFromArrayAsync(out.data(), out.rowBytes(), array, 0, 0,
                                             out.rowBytes(), static_cast<std::size_t>(inputHeight),
                                             cudaMemcpyDeviceToHost, stream.get()),
                  "cudaMemcpy2DFromArrayAsync");
    }

    void ensureCopyTarget() {
        if (copyArray && copyWidth == inputWidth && copyHeight == inputHeight) {
            return;
        }
        copySurface.reset();
        copyArray.reset();
        const cudaChannelFormatDesc format =
            cudaCreateChannelDesc(8, 8, 8, 8, cudaChannelFormatKindUnsigned);
        cudaArray_t array = nullptr;
        checkCuda(cudaMallocArray(&array, &format, static_cast<std::size_t>(inputWidth),
                                  static_cast<std::size_t>(inputHeight), cudaArraySurfaceLoadStore),
                  "cudaMallocArray");
        copyArray = CudaArray(array);
        copySurface = createSurface(array);
        copyWidth = inputWidth;
        copyHeight = inputHeight;
    }

    void runCopy(const TextureTarget& target, const kernels::SurfaceRequest& request,
                 const ProduceOptions& options, RunResult& timing) {
        ensureCopyTarget();
        Image& pixels = options.hostCopy != nullptr ? *options.hostCopy : hostPixels;
        record(0);
        launch(request, copySurface.get(), options);
        record(1);
        download(copyArray.get(), pixels);
        record(2);
        checkCuda(cudaEventSynchronize(events[2].get()), "cudaEventSynchronize");
        timing.stages.push_back({"kernel", elapsedMs(events[0], events[1])});
        timing.stages.push_back({"download", elapsedMs(events[1], events[2])});
        const auto start = std::chrono::steady_clock::now();
        uploadRgba8(target.id, target.width, target.height, pixels.data());
        const std::chrono::duration<double, std::milli> upload =
            std::chrono::steady_clock::now() - start;
        timing.stages.push_back({"texture-upload", upload.count()});
    }

    // After a CUDA failure: a sticky error (the context is lost) shows on the next
    // synchronisation even after cudaGetLastError() cleared the per-call error.
    bool contextLost() {
        static_cast<void>(cudaGetLastError());
        const cudaError_t sync = cudaDeviceSynchronize();
        static_cast<void>(cudaGetLastError());
        return sync != cudaSuccess;
    }

    void disableCuda(const std::string& why) {
        static_cast<void>(registered.release());
        status.cudaAvailable = false;
        status.interopAvailable = false;
        status.reason = why;
    }
};

CudaGlProducer::CudaGlProducer() : m_impl(std::make_unique<Impl>()) {}

CudaGlProducer::~CudaGlProducer() = default;

const InteropStatus& CudaGlProducer::probe() {
    m_impl->ensureProbed();
    return m_impl->status;
}

const InteropStatus& CudaGlProducer::status() const {
    return m_impl->status;
}

std::string CudaGlProducer::badge() const {
    return interop::badgeText(m_impl->status, m_impl->interopAllowed);
}

void CudaGlProducer::setInteropAllowed(bool allowed) {
    m_impl->interopAllowed = allowed;
}

bool CudaGlProducer::hasInput() const {
    return static_cast<bool>(m_impl->input);
}

bool CudaGlProducer::setInput(const Image& image, std::string* error) {
    Impl& impl = *m_impl;
    std::string why;
    try {
        impl.ensureProbed();
        if (!impl.status.cudaAvailable) {
            why = impl.status.reason;
        } else if (image.empty()) {
            why = "the input image is empty";
        } else {
            impl.ensureBasics();
            if (!impl.input || image.width() != impl.inputWidth ||
                image.height() != impl.inputHeight) {
                impl.input.reset();
                impl.inputWidth = 0;
                impl.inputHeight = 0;
                void* pixels = nullptr;
                std::size_t pitch = 0;
                checkCuda(cudaMallocPitch(&pixels, &pitch, image.rowBytes(),
                                          static_cast<std::size_t>(image.height())),
                          "cudaMallocPitch(input)");
                impl.input = DeviceMemory(pixels);
                impl.inputPitch = pitch;
                impl.inputWidth = image.width();
                impl.inputHeight = image.height();
            }
            // The stream does not synchronise with the legacy default stream: copy on it.
            checkCuda(
                cudaMemcpy2DAsync(impl.input.get(), impl.inputPitch, image.data(), image.rowBytes(),
                                  image.rowBytes(), static_cast<std::size_t>(image.height()),
                                  cudaMemcpyHostToDevice, impl.stream.get()),
                "cudaMemcpy2DAsync(input)");
            checkCuda(cudaStreamSynchronize(impl.stream.get()), "cudaStreamSynchronize");
            return true;
        }
    } catch (const CudaFailure& failure) {
        impl.input.reset();
        impl.disableCuda(std::string("CUDA failed: ") + failure.what());
        impl.contextLost();
        why = impl.status.reason;
    } catch (const std::exception& failure) {
        why = failure.what();
    }
    if (error != nullptr) {
        *error = why;
    }
    return false;
}

ProduceResult CudaGlProducer::produce(const TextureTarget& target, const ConvRequest& request,
                                      const ProduceOptions& options) noexcept {
    Impl& impl = *m_impl;
    ProduceResult result;
    const auto start = std::chrono::steady_clock::now();
    try {
        impl.ensureProbed();
        if (!impl.status.cudaAvailable) {
            result.error = impl.status.reason;
            return result;
        }
        if (!impl.input) {
            result.error = "no input image on the device (setInput first)";
            return result;
        }
        if (target.width != impl.inputWidth || target.height != impl.inputHeight) {
            result.error = "texture is " + sizeText(target.width, target.height) +
                           " but the input is " + sizeText(impl.inputWidth, impl.inputHeight);
            return result;
        }
        if (!validBlock(options)) {
            result.error = "block shape " + sizeText(options.blockWidth, options.blockHeight) +
                           " is out of range (each side 8..32)";
            return result;
        }
        request.validate();
        if (impl.verified.id != target.id || impl.verified.width != target.width ||
            impl.verified.height != target.height) {
            verifyRgba8Texture(target.id, target.width, target.height);
            impl.verified = target;
        }
        impl.ensureBasics();
        const kernels::SurfaceRequest device = impl.prepare(request);

        if (impl.interopAllowed && impl.status.interopAvailable) {
            try {
                impl.runInterop(target, device, options, result.timing);
                result.ok = true;
                result.viaInterop = true;
            } catch (const CudaFailure& failure) {
                if (impl.contextLost()) {
                    throw;
                }
                // Interop itself failed (registration, mapping): the copy path still works.
                static_cast<void>(impl.registered.release());
                impl.status.interopAvailable = false;
                impl.status.reason = std::string("interop unavailable: ") + failure.what();
                result.timing.stages.clear();
            }
        }
        if (!result.ok) {
            impl.runCopy(target, device, options, result.timing);
            result.ok = true;
        }
    } catch (const CudaFailure& failure) {
        impl.contextLost();
        impl.disableCuda(std::string("CUDA failed: ") + failure.what());
        result.ok = false;
        result.error = impl.status.reason;
    } catch (const std::exception& failure) {
        // Bad requests and GL errors fail this call only; the caller reports them.
        result.ok = false;
        result.error = failure.what();
    } catch (...) {
        result.ok = false;
        result.error = "unexpected failure while producing the CUDA output";
    }
    const std::chrono::duration<double, std::milli> total =
        std::chrono::steady_clock::now() - start;
    result.timing.totalMilliseconds = total.count();
    return result;
}

void CudaGlProducer::releaseTexture() noexcept {
    // A failed unregister leaves nothing to undo: the registration is gone either way.
    static_cast<void>(m_impl->registered.release());
    m_impl->verified = TextureTarget{};
}

}  // namespace convis
