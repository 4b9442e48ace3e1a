// The few GL texture operations interop needs: check that a texture really is RGBA8 of the
// expected size (registration of anything else fails in ways that look like a driver problem),
// and the glTexSubImage2D upload of the copy path. Both leave the caller's GL bindings as found.
#pragma once

#include <cstdint>

namespace convis::interop {

// Throws GlFailure with a one-line reason when the texture is missing, not GL_RGBA8, or not
// width x height.
void verifyRgba8Texture(unsigned int texture, int width, int height);

// Uploads tightly packed RGBA8 pixels into level 0. Throws GlFailure on a GL error.
void uploadRgba8(unsigned int texture, int width, int height, const std::uint8_t* pixels);

}  // namespace convis::interop
