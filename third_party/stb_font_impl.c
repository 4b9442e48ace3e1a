/* The one stb_truetype and stb_rect_pack implementation, needed by Debian's libimgui.a. */
#define STB_RECT_PACK_IMPLEMENTATION
#include <stb_rect_pack.h>
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>
