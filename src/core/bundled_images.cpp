// The bundled photographs: descriptions and credits here, bytes from the generated embed TU.
#include "core/bundled_images.hpp"

#include "core/embedded_images.hpp"
#include "core/error.hpp"
#include "core/image_io.hpp"

namespace convis {

namespace {

struct Credit {
    std::string_view id;
    std::string_view description;
    std::string_view credit;
};

// Keep in step with assets/CREDITS.
constexpr Credit kCredits[] = {
    {"astronaut", "Eileen Collins in her flight suit, 512x512: faces, fabric, flags",
     "NASA, public domain"},
    {"coffee", "a cup of coffee on wood, 600x400: ellipses and wood grain", "Rachel Michetti, CC0"},
    {"chelsea", "Chelsea the cat, 451x300: fur texture and whiskers", "Stefan van der Walt, CC0"},
};

const EmbeddedFile* findEmbedded(std::string_view id) {
    for (const EmbeddedFile& file : embeddedImages()) {
        if (file.id == id) {
            return &file;
        }
    }
    return nullptr;
}

std::string knownIds() {
    std::string names;
    for (const EmbeddedFile& file : embeddedImages()) {
        names += (names.empty() ? "" : ", ") + std::string(file.id);
    }
    return names;
}

}  // namespace

std::vector<BundledImageInfo> bundledImageList() {
    std::vector<BundledImageInfo> list;
    for (const EmbeddedFile& file : embeddedImages()) {
        BundledImageInfo info{std::string(file.id), "bundled image", "see assets/CREDITS"};
        for (const Credit& credit : kCredits) {
            if (credit.id == file.id) {
                info.description = std::string(credit.description);
                info.credit = std::string(credit.credit);
            }
        }
        list.push_back(std::move(info));
    }
    return list;
}

std::span<const std::uint8_t> bundledImageBytes(std::string_view id) {
    const EmbeddedFile* file = findEmbedded(id);
    if (file == nullptr) {
        throw InputError("unknown bundled image '" + std::string(id) + "' (" + knownIds() + ")");
    }
    return {file->begin, file->end};
}

Image loadBundledImage(std::string_view id) {
    const std::span<const std::uint8_t> bytes = bundledImageBytes(id);
    return decodeImage(std::vector<std::uint8_t>(bytes.begin(), bytes.end()),
                       "bundled:" + std::string(id));
}

}  // namespace convis
