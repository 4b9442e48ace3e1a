// Key codes for shortcuts, filled in by the app from its window library: ImGui 1.86 names only
// a few keys, and the UI must not depend on GLFW. -1 disables a shortcut.
#pragma once

namespace convis::ui {

struct KeyCodes {
    int equal = -1;  // Ctrl+= zoom in
    int minus = -1;  // Ctrl+- zoom out
    int zero = -1;   // Ctrl+0 fit
    int keypadAdd = -1;
    int keypadSubtract = -1;
    int keypadZero = -1;
    int s = -1;    // Ctrl+S save output
    int f12 = -1;  // screenshot
};

}  // namespace convis::ui
