// The kernel editor: preset, size, editable weight grid coloured by sign, divisor/normalise,
// offset, absolute value, convolution/correlation, border, channels, separability, text format.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/kernel.hpp"
#include "ui/panel.hpp"

namespace convis::ui {

class KernelPanel final : public Panel {
  public:
    KernelPanel();

    // The font for numbers (DejaVu Sans Mono); nullptr keeps the default font.
    void setMonoFont(ImFont* font) { m_mono = font; }

    // Screen rectangle of weight cell (x, y) as drawn last frame; tests click on it.
    ImVec4 cellRect(int x, int y) const;
    // Screen rectangle of the offset slider as drawn last frame.
    ImVec4 offsetRect() const { return m_offsetRect; }
    // The last refusal shown under the grid (empty when the last edit was accepted).
    const std::string& error() const { return m_error; }

  protected:
    void drawContent(UiContext& context) override;

  private:
    using CellText = std::array<char, 48>;

    void syncBuffers(const ConvRequest& request);
    void drawPresetAndSize(UiContext& context);
    void drawGrid(UiContext& context);
    void drawPostOps(UiContext& context);
    void drawSeparable(const ConvRequest& request);
    void drawTextFormat(UiContext& context);
    void submit(UiContext& context, const ConvRequest& request);
    void refuse(UiContext& context, const std::string& message);

    ImFont* m_mono = nullptr;
    Kernel m_bufferKernel;  // the kernel the cell texts were made from
    float m_bufferDivisor = 0.0f;
    std::vector<CellText> m_cells;
    std::vector<ImVec4> m_cellRects;
    ImVec4 m_offsetRect{0, 0, 0, 0};
    CellText m_divisorText{};
    std::vector<char> m_text;  // the text-format editor
    std::array<char, 1024> m_path{};
    std::string m_error;
};

// The kernel resized to width x height, keeping the old weights centred (new cells are 0).
Kernel resizedKernel(const Kernel& kernel, int width, int height);

}  // namespace convis::ui
