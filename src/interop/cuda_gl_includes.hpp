// The one place that brings OpenGL (through libepoxy) and the CUDA-GL interop API together.
// epoxy/gl.h must come first: it defines GL/gl.h's guard, so the GL/gl.h that
// cuda_gl_interop.h includes adds nothing and cannot clash with epoxy's declarations.
#pragma once

// clang-format off
#include <epoxy/gl.h>
#include <cuda_runtime_api.h>
#include <cuda_gl_interop.h>
// clang-format on
