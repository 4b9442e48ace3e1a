// How the image view gets pixels on screen without calling GL: the app renders the view into a
// texture and hands back its id; the UI only places it.
#pragma once

#include <imgui.h>

#include "ui/app_state.hpp"

namespace convis::ui {

struct ViewRequest {
    ViewMode mode = ViewMode::Input;
    int width = 0;  // framebuffer pixels of the canvas
    int height = 0;
    float zoom = 1.0f;     // framebuffer pixels per image pixel
    float originX = 0.0f;  // image coordinate at a pane's top-left corner
    float originY = 0.0f;
    float splitX = 0.0f;  // split: divider position in framebuffer pixels from the canvas' left
    float gap = 0.0f;     // side by side: framebuffer pixels between the panes
    bool diverging = false;
    float centre = 128.0f;  // the request's offset
};

struct PresentedView {
    ImTextureID texture = nullptr;  // nullptr: nothing to show (no image, or no renderer)
    bool flipY = true;              // GL textures have their first row at the bottom
};

class ImagePresenter {
  public:
    ImagePresenter() = default;
    virtual ~ImagePresenter() = default;
    ImagePresenter(const ImagePresenter&) = delete;
    ImagePresenter& operator=(const ImagePresenter&) = delete;

    virtual PresentedView present(const ViewRequest& request) = 0;
};

// For tests and for runs without GL: shows nothing, draws only the ImGui overlays.
class NullPresenter final : public ImagePresenter {
  public:
    PresentedView present(const ViewRequest& /*request*/) override { return {}; }
};

}  // namespace convis::ui
