// The built-in filters a class starts from: blur, sharpen, edge detectors, emboss and more.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/conv_request.hpp"

namespace convis {

// Parameters of the presets that take them; ignored by the others.
struct PresetParams {
    float sigma = 0.0f;  // Gaussian and Laplacian of Gaussian, in pixels; 0 = the preset's default
    int size = 0;        // box and motion blur side; 0 = the preset's default
};

struct PresetInfo {
    std::string id;             // command-line name, e.g. "sobel-x"
    std::string label;          // UI name, e.g. "Sobel X (vertical edges)"
    std::string description;    // one sentence for tooltips and `convis info`
    bool signedOutput = false;  // results are centred on the offset (edge detectors)
};

// Every preset, in menu order.
const std::vector<PresetInfo>& presetList();

// The request for a preset (convolution, clamp border, its divisor and offset).
// Throws InputError for an unknown id or parameters out of range.
ConvRequest makePreset(std::string_view id, const PresetParams& params = {});

}  // namespace convis
