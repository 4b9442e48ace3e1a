// GL implementation of the image presenter.
#include "app/gl_presenter.hpp"

#include <cstdint>

namespace convis {

GlPresenter::GlPresenter(gl::ImageViewRenderer& renderer, const gl::Texture& input,
                         const gl::Texture& output, const bool& showOutput)
    : m_renderer(renderer), m_input(input), m_output(output), m_showOutput(showOutput) {}

ui::PresentedView GlPresenter::present(const ui::ViewRequest& request) {
    if (!m_input.valid() || request.width <= 0 || request.height <= 0) {
        return {};
    }
    gl::ViewUniforms u;
    u.mode = static_cast<gl::ViewMode>(static_cast<int>(request.mode));
    u.viewWidth = request.width;
    u.viewHeight = request.height;
    u.zoom = request.zoom;
    u.originX = request.originX;
    u.originY = request.originY;
    u.splitX = request.splitX;
    u.gap = request.gap;
    u.diverging = request.diverging;
    u.centre = request.centre;
    u.gridZoom = ui::kGridZoom;
    const gl::Texture& target = m_renderer.render(m_input, m_showOutput ? m_output : m_none, u);
    if (!target.valid()) {
        return {};
    }
    ui::PresentedView view;
    view.texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(target.id()));
    view.flipY = true;
    return view;
}

}  // namespace convis
