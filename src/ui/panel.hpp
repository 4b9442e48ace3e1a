// The base of every panel: owns the Begin/End pair (always balanced, whatever drawContent
// does) and the window's placement; subclasses only draw their content.
#pragma once

#include <imgui.h>

#include <string>

#include "ui/app_state.hpp"
#include "ui/commands.hpp"
#include "ui/keys.hpp"
#include "ui/presenter.hpp"

namespace convis::ui {

// What a panel may use while drawing: the model, the command queue, the presenter, key codes.
struct UiContext {
    AppState& state;
    CommandQueue& commands;
    ImagePresenter& presenter;
    const KeyCodes& keys;
};

struct PanelRect {
    float x = 0, y = 0, width = 0, height = 0;
};

class Panel {
  public:
    explicit Panel(std::string title, ImGuiWindowFlags flags = 0);
    virtual ~Panel() = default;
    Panel(const Panel&) = delete;
    Panel& operator=(const Panel&) = delete;

    // Places the window at rect (tiled layout) and draws it. Returns the size the user left it
    // at (a panel may be resized from its inner edge).
    PanelRect draw(UiContext& context, const PanelRect& rect, bool resizable);

    // Draws the content inside the current window, in a child region filling the rest of it,
    // for panels shown as tabs of the workspace rather than as windows of their own.
    void drawEmbedded(UiContext& context);

    const std::string& title() const { return m_title; }

  protected:
    virtual void drawContent(UiContext& context) = 0;

  private:
    std::string m_title;
    ImGuiWindowFlags m_flags;
};

// A tooltip on the last item when hovered (also when it is disabled).
void tooltip(const char* text);

// SameLine() when a button labelled `nextLabel` still fits on this line, so a row of buttons
// wraps instead of running off a narrow panel.
void sameLineIfFits(const char* nextLabel);

}  // namespace convis::ui
