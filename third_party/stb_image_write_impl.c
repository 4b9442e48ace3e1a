/* The one stb_image_write implementation in convis. Files are written by convis' atomic writer
 * (src/core/atomic_file.cpp), never by stb, whose own file writer reports success on a full disk. */
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb_image_write.h>
