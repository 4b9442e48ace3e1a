// Main menu bar.
#include "ui/menu_bar.hpp"

#include <cstring>
#include <string>

#include "core/patterns.hpp"

namespace convis::ui {

namespace {

const char* baseName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path.c_str() : path.c_str() + slash + 1;
}

}  // namespace

float MenuBar::draw(UiContext& context) {
    handleShortcuts(context);
    float height = 0.0f;
    if (ImGui::BeginMainMenuBar()) {
        drawFileMenu(context);
        drawViewMenu(context);
        if (ImGui::BeginMenu("Help")) {
            ImGui::TextUnformatted("Mouse wheel: zoom at the cursor    Drag: pan");
            ImGui::TextUnformatted("Ctrl+= / Ctrl+- / Ctrl+0: zoom in, out, fit");
            ImGui::TextUnformatted("Ctrl+S: save the output    F12: screenshot");
            ImGui::TextUnformatted("Drop an image file on the window to open it.");
            ImGui::Separator();
            ImGui::TextDisabled("Headless: convis apply / info / ... --help");
            ImGui::EndMenu();
        }
        height = ImGui::GetWindowSize().y;
        ImGui::EndMainMenuBar();
    }
    return height;
}

void MenuBar::handleShortcuts(UiContext& context) {
    const ImGuiIO& io = ImGui::GetIO();
    const KeyCodes& keys = context.keys;
    if (keys.f12 >= 0 && ImGui::IsKeyPressed(keys.f12, false)) {
        context.commands.push(TakeScreenshot{});
    }
    if (keys.s >= 0 && io.KeyCtrl && ImGui::IsKeyPressed(keys.s, false)) {
        context.commands.push(SaveOutput{});
    }
}

void MenuBar::drawFileMenu(UiContext& context) {
    AppState& state = context.state;
    if (!ImGui::BeginMenu("File")) {
        return;
    }
    ImGui::TextDisabled("Open an image file (PNG, JPEG, BMP, TGA, PNM)");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
    const bool entered =
        ImGui::InputTextWithHint("##open", "/path/to/image.png", m_openPath.data(),
                                 m_openPath.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    tooltip("Type or paste a path, then Enter or Open. You can also drop a file on the window.");
    ImGui::SameLine();
    if ((ImGui::Button("Open") || entered) && m_openPath[0] != '\0') {
        context.commands.push(OpenImageFile{m_openPath.data()});
        ImGui::CloseCurrentPopup();
    }
    if (ImGui::BeginMenu("Recent files", !state.recentFiles.empty())) {
        for (const std::string& path : state.recentFiles) {
            // Two files may share a name in different folders: the path is the ID.
            ImGui::PushID(path.c_str());
            const char* name = baseName(path);
            if (ImGui::MenuItem(*name != '\0' ? name : path.c_str())) {
                context.commands.push(OpenImageFile{path});
            }
            tooltip(path.c_str());
            ImGui::PopID();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Bundled images", !state.bundledImages.empty())) {
        for (const NamedItem& item : state.bundledImages) {
            if (ImGui::MenuItem(item.id.c_str())) {
                context.commands.push(OpenBundledImage{item.id});
            }
            tooltip(item.description.c_str());
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Test patterns")) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
        ImGui::SliderInt("Size", &m_patternSize, 16, 4096, "%d px",
                         ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
        tooltip("Side of the generated square pattern in pixels (16 to 4096). Ctrl+click to type.");
        ImGui::Separator();
        for (const PatternInfo& pattern : patternList()) {
            if (ImGui::MenuItem(pattern.id.c_str())) {
                context.commands.push(OpenPattern{pattern.id, m_patternSize, m_patternSize});
            }
            tooltip(pattern.description.c_str());
        }
        ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Save output PNG", "Ctrl+S", false, state.output != nullptr)) {
        context.commands.push(SaveOutput{});
    }
    tooltip("Write the full-resolution output image into the export folder.");
    if (ImGui::MenuItem("Screenshot", "F12")) {
        context.commands.push(TakeScreenshot{});
    }
    tooltip("Write a PNG of the whole window into the export folder.");
    if (!m_exportDirSynced) {
        const std::size_t n = std::min(state.exportDir.size(), m_exportDir.size() - 1);
        std::memcpy(m_exportDir.data(), state.exportDir.data(), n);
        m_exportDir[n] = '\0';
        m_exportDirSynced = true;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22.0f);
    if (ImGui::InputText("Export folder", m_exportDir.data(), m_exportDir.size())) {
        state.exportDir = m_exportDir.data();
    }
    tooltip("Folder for saved outputs and screenshots; created when needed.");
    if (!state.lastExportPath.empty()) {
        ImGui::TextDisabled("Last saved: %s", state.lastExportPath.c_str());
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Quit")) {
        context.commands.push(Quit{});
    }
    tooltip("Close convis; the settings are saved.");
    ImGui::EndMenu();
}

void MenuBar::drawViewMenu(UiContext& context) {
    AppState& state = context.state;
    if (!ImGui::BeginMenu("View")) {
        return;
    }
    const std::pair<ViewMode, const char*> modes[] = {{ViewMode::Input, "Input"},
                                                      {ViewMode::Output, "Output"},
                                                      {ViewMode::SideBySide, "Side by side"},
                                                      {ViewMode::Split, "Split"}};
    for (const auto& [mode, name] : modes) {
        if (ImGui::MenuItem(name, nullptr, state.view.mode == mode)) {
            state.view.mode = mode;
            state.view.fit = true;
        }
        tooltip("Choose what the image view shows; the same as the buttons above the image.");
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Fit to view", "Ctrl+0")) {
        state.view.fit = true;
    }
    tooltip("Zoom so the whole image is visible.");
    if (ImGui::MenuItem("Actual pixels (100%)")) {
        state.view.zoom = 1.0f;
        state.view.fit = false;
    }
    tooltip("One image pixel per screen pixel.");
    ImGui::MenuItem("Signed colours for the output", nullptr, &state.view.diverging);
    tooltip("Blue below the offset, white at it, red above: for edge filters. Display only.");
    ImGui::Separator();
    ImGui::MenuItem("Kernel panel", nullptr, &state.layout.showKernel);
    tooltip("Show or hide the kernel editor on the left.");
    ImGui::MenuItem("Backends panel", nullptr, &state.layout.showBackends);
    tooltip("Show or hide the backend list on the right.");
    ImGui::MenuItem("Messages panel", nullptr, &state.layout.showLog);
    tooltip("Show or hide the messages on the right.");
    ImGui::EndMenu();
}

}  // namespace convis::ui
