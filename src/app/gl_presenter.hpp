// The image presenter the UI draws through: renders the view with the display shader into an
// offscreen texture and hands its id to ImGui.
#pragma once

#include "gl/image_view_renderer.hpp"
#include "gl/texture.hpp"
#include "ui/presenter.hpp"

namespace convis {

class GlPresenter final : public ui::ImagePresenter {
  public:
    // The textures are owned by the app and outlive the presenter; showOutput says whether the
    // output texture belongs to the current image (false right after an image is opened).
    GlPresenter(gl::ImageViewRenderer& renderer, const gl::Texture& input,
                const gl::Texture& output, const bool& showOutput);

    ui::PresentedView present(const ui::ViewRequest& request) override;

  private:
    gl::ImageViewRenderer& m_renderer;
    const gl::Texture& m_input;
    const gl::Texture& m_output;
    const bool& m_showOutput;
    gl::Texture m_none;  // stands in for "no output yet"
};

}  // namespace convis
