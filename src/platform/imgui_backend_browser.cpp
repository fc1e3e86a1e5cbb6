// FieldCRM's own Dear ImGui platform backend for the browser, on Emscripten's html5.h API (no GLFW).
// It owns the WebGL2 context, canvas sizing for devicePixelRatio, input (mouse, keys, text and IME through the
// shell's hidden text input), clipboard writes and mouse cursors. It must not know anything about the CRM.
//
// Index
//   [SECTION] State
//   [SECTION] Browser glue (EM_JS)
//   [SECTION] Keys: DOM KeyboardEvent -> ImGuiKey
//   [SECTION] Input callbacks
//   [SECTION] Text input and IME (called from shell/loader.js)
//   [SECTION] Frame
#include "platform/imgui_backend_browser.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include "imgui.h"
#include "imgui_internal.h"
#include "platform/imgui_renderer_browser.h"

namespace platform {

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] State
//-----------------------------------------------------------------------------------------------------------------

struct BrowserBackend {
    std::string canvas;                      // CSS selector of the canvas
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    ImGuiFontBuilder buildFonts = nullptr;
    float fontPixelRatio = 0.0f;             // ratio the font atlas was last built for
    bool fontRebuildRequested = false;
    int framebufferWidth = 0, framebufferHeight = 0;
    double lastFrameTime = 0.0;
    double lastActivity = 0.0;               // last input event or resize (emscripten_get_now() ms)
    ImGuiMouseCursor cursor = ImGuiMouseCursor_COUNT;
    std::string clipboard;                   // last text copied by ImGui or pasted from the page (ImGui pastes it)
};

static BrowserBackend gBackend;

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Browser glue (EM_JS)
//-----------------------------------------------------------------------------------------------------------------

// Keyboard focus goes to the hidden text input while ImGui edits text (so typing and IMEs produce text there),
// and back to the canvas otherwise. The input lives in shell/index.html.
EM_JS(void, fieldcrm_focus_text_input, (int want), {
    const input = document.getElementById('fieldcrm-text-input');
    const canvas = Module['canvas'];
    if (!input || !canvas) return;
    if (want) {
        if (document.activeElement !== input) input.focus({preventScroll: true});
    } else if (document.activeElement === input || document.activeElement === document.body) {
        canvas.focus({preventScroll: true});
    }
});

// Keeps the hidden input at the text caret so an IME's candidate window opens next to what is being typed.
EM_JS(void, fieldcrm_place_text_input, (float x, float y, float lineHeight), {
    const input = document.getElementById('fieldcrm-text-input');
    if (!input) return;
    input.style.left = x + 'px';
    input.style.top = y + 'px';
    input.style.height = lineHeight + 'px';
    input.style.fontSize = Math.max(12, lineHeight * 0.8) + 'px';
});

EM_JS(void, fieldcrm_set_cursor, (const char* css), {
    if (Module['canvas']) Module['canvas'].style.cursor = UTF8ToString(css);
});

// Asynchronous and permission-gated: a refused write leaves ImGui's own copy, so copy/paste inside the app works.
EM_JS(void, fieldcrm_write_clipboard, (const char* text), {
    if (navigator.clipboard && navigator.clipboard.writeText)
        navigator.clipboard.writeText(UTF8ToString(text)).catch(function() {});
});

EM_JS(int, fieldcrm_is_mac, (), {
    return /Mac|iPhone|iPad/.test(String(navigator.platform)) ? 1 : 0;
});

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Keys: DOM KeyboardEvent -> ImGuiKey
//-----------------------------------------------------------------------------------------------------------------

struct CodeKey {
    const char* code;
    ImGuiKey key;
};

// KeyboardEvent.code names (physical keys) for everything that is not a letter.
static const CodeKey kCodeKeys[] = {
    {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End}, {"Insert", ImGuiKey_Insert},
    {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace}, {"Space", ImGuiKey_Space},
    {"Enter", ImGuiKey_Enter}, {"Escape", ImGuiKey_Escape},
    {"ControlLeft", ImGuiKey_LeftCtrl}, {"ShiftLeft", ImGuiKey_LeftShift}, {"AltLeft", ImGuiKey_LeftAlt},
    {"MetaLeft", ImGuiKey_LeftSuper}, {"ControlRight", ImGuiKey_RightCtrl}, {"ShiftRight", ImGuiKey_RightShift},
    {"AltRight", ImGuiKey_RightAlt}, {"MetaRight", ImGuiKey_RightSuper}, {"ContextMenu", ImGuiKey_Menu},
    {"Digit0", ImGuiKey_0}, {"Digit1", ImGuiKey_1}, {"Digit2", ImGuiKey_2}, {"Digit3", ImGuiKey_3},
    {"Digit4", ImGuiKey_4}, {"Digit5", ImGuiKey_5}, {"Digit6", ImGuiKey_6}, {"Digit7", ImGuiKey_7},
    {"Digit8", ImGuiKey_8}, {"Digit9", ImGuiKey_9},
    {"F1", ImGuiKey_F1}, {"F2", ImGuiKey_F2}, {"F3", ImGuiKey_F3}, {"F4", ImGuiKey_F4}, {"F5", ImGuiKey_F5},
    {"F6", ImGuiKey_F6}, {"F7", ImGuiKey_F7}, {"F8", ImGuiKey_F8}, {"F9", ImGuiKey_F9}, {"F10", ImGuiKey_F10},
    {"F11", ImGuiKey_F11}, {"F12", ImGuiKey_F12},
    {"Quote", ImGuiKey_Apostrophe}, {"Comma", ImGuiKey_Comma}, {"Minus", ImGuiKey_Minus},
    {"Period", ImGuiKey_Period}, {"Slash", ImGuiKey_Slash}, {"Semicolon", ImGuiKey_Semicolon},
    {"Equal", ImGuiKey_Equal}, {"BracketLeft", ImGuiKey_LeftBracket}, {"Backslash", ImGuiKey_Backslash},
    {"BracketRight", ImGuiKey_RightBracket}, {"Backquote", ImGuiKey_GraveAccent},
    {"CapsLock", ImGuiKey_CapsLock}, {"ScrollLock", ImGuiKey_ScrollLock}, {"NumLock", ImGuiKey_NumLock},
    {"PrintScreen", ImGuiKey_PrintScreen}, {"Pause", ImGuiKey_Pause},
    {"Numpad0", ImGuiKey_Keypad0}, {"Numpad1", ImGuiKey_Keypad1}, {"Numpad2", ImGuiKey_Keypad2},
    {"Numpad3", ImGuiKey_Keypad3}, {"Numpad4", ImGuiKey_Keypad4}, {"Numpad5", ImGuiKey_Keypad5},
    {"Numpad6", ImGuiKey_Keypad6}, {"Numpad7", ImGuiKey_Keypad7}, {"Numpad8", ImGuiKey_Keypad8},
    {"Numpad9", ImGuiKey_Keypad9}, {"NumpadDecimal", ImGuiKey_KeypadDecimal},
    {"NumpadDivide", ImGuiKey_KeypadDivide}, {"NumpadMultiply", ImGuiKey_KeypadMultiply},
    {"NumpadSubtract", ImGuiKey_KeypadSubtract}, {"NumpadAdd", ImGuiKey_KeypadAdd},
    {"NumpadEnter", ImGuiKey_KeypadEnter}, {"NumpadEqual", ImGuiKey_KeypadEqual},
    {"BrowserBack", ImGuiKey_AppBack}, {"BrowserForward", ImGuiKey_AppForward},
};

// Letters follow the layout (KeyboardEvent.key, so Ctrl+Z is Z on AZERTY too); when the layout gives no Latin
// letter (Cyrillic, …) the physical key (KeyboardEvent.code "KeyZ") decides, as shortcuts expect.
static ImGuiKey keyFromEvent(const EmscriptenKeyboardEvent& e) {
    if (e.key[0] != 0 && e.key[1] == 0) {
        char c = e.key[0];
        if (c >= 'a' && c <= 'z') return ImGuiKey(ImGuiKey_A + (c - 'a'));
        if (c >= 'A' && c <= 'Z') return ImGuiKey(ImGuiKey_A + (c - 'A'));
    }
    if (std::strncmp(e.code, "Key", 3) == 0 && e.code[3] >= 'A' && e.code[3] <= 'Z' && e.code[4] == 0)
        return ImGuiKey(ImGuiKey_A + (e.code[3] - 'A'));
    for (const CodeKey& k : kCodeKeys)
        if (std::strcmp(e.code, k.code) == 0) return k.key;
    return ImGuiKey_None;
}

// True when KeyboardEvent.key is one printable character: the browser turns it into text in the hidden input.
static bool producesText(const EmscriptenKeyboardEvent& e) {
    const unsigned char* k = reinterpret_cast<const unsigned char*>(e.key);
    if (k[0] == 0) return false;
    size_t len = k[0] < 0x80 ? 1 : k[0] < 0xE0 ? 2 : k[0] < 0xF0 ? 3 : 4;
    return std::strlen(e.key) == len && k[0] >= 0x20 && k[0] != 0x7F;
}

// Shortcuts the app or ImGui's text fields use; the browser must not act on them (save page, select page, …).
static bool isAppShortcut(const EmscriptenKeyboardEvent& e) {
    if (!(e.ctrlKey || e.metaKey)) return false;
    switch (keyFromEvent(e)) {
        case ImGuiKey_A: case ImGuiKey_S: case ImGuiKey_N: case ImGuiKey_K: case ImGuiKey_Z: case ImGuiKey_Y:
            return true;
        default:
            return false;
    }
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Input callbacks
//-----------------------------------------------------------------------------------------------------------------

static void addModifiers(ImGuiIO& io, bool ctrl, bool shift, bool alt, bool meta) {
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
    io.AddKeyEvent(ImGuiMod_Shift, shift);
    io.AddKeyEvent(ImGuiMod_Alt, alt);
    io.AddKeyEvent(ImGuiMod_Super, meta);
}

// Returning true calls preventDefault().
static EM_BOOL onKey(int type, const EmscriptenKeyboardEvent* e, void*) {
    gBackend.lastActivity = emscripten_get_now();
    // "Process" / "Dead" / "Unidentified": an IME or a dead key is composing; the text arrives on compositionend.
    if (std::strcmp(e->key, "Process") == 0 || std::strcmp(e->key, "Dead") == 0 ||
        std::strcmp(e->key, "Unidentified") == 0)
        return false;
    ImGuiIO& io = ImGui::GetIO();
    bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    addModifiers(io, e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    ImGuiKey key = keyFromEvent(*e);
    // Paste arrives as text through the hidden input's paste/input events; ImGui must not paste a second time.
    bool paste = key == ImGuiKey_V && (e->ctrlKey || e->metaKey);
    if (key != ImGuiKey_None && !paste) io.AddKeyEvent(key, down);
    if (!down) return false;
    // Keys ImGui does not know (media keys, …) and the browser's own keys stay the browser's.
    if (key == ImGuiKey_None || key == ImGuiKey_F5 || key == ImGuiKey_F11 || key == ImGuiKey_F12) return false;
    if (e->ctrlKey || e->metaKey) return isAppShortcut(*e);
    return !producesText(*e);  // text keys go on to the hidden input, which turns them into text
}

static EM_BOOL onMouseButton(int type, const EmscriptenMouseEvent* e, void*) {
    gBackend.lastActivity = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    addModifiers(io, e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    io.AddMousePosEvent(float(e->clientX), float(e->clientY));
    int button = e->button == 0 ? 0 : e->button == 1 ? 2 : e->button == 2 ? 1 : e->button;
    if (button < ImGuiMouseButton_COUNT) io.AddMouseButtonEvent(button, type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    // On the canvas, preventDefault keeps the browser from moving focus or selecting the page; focus is ours.
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN;
}

// The canvas fills the window from its top-left corner (shell/app.css), so client coordinates are canvas coordinates.
static EM_BOOL onMouseMove(int, const EmscriptenMouseEvent* e, void*) {
    gBackend.lastActivity = emscripten_get_now();
    ImGui::GetIO().AddMousePosEvent(float(e->clientX), float(e->clientY));
    return false;
}

static EM_BOOL onMouseLeave(int, const EmscriptenMouseEvent*, void*) {
    gBackend.lastActivity = emscripten_get_now();
    if (!ImGui::IsAnyMouseDown()) ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    return false;
}

// ImGui scrolls by lines: one wheel notch is ~100 CSS px (pixel mode) or 3 lines (line mode).
static EM_BOOL onWheel(int, const EmscriptenWheelEvent* e, void*) {
    gBackend.lastActivity = emscripten_get_now();
    ImGuiIO& io = ImGui::GetIO();
    addModifiers(io, e->mouse.ctrlKey, e->mouse.shiftKey, e->mouse.altKey, e->mouse.metaKey);
    float unit = e->deltaMode == DOM_DELTA_PIXEL ? 100.0f : e->deltaMode == DOM_DELTA_LINE ? 3.0f : 1.0f;
    io.AddMouseWheelEvent(float(-e->deltaX) / unit, float(-e->deltaY) / unit);
    return true;  // also stops Ctrl+wheel from zooming the page
}

static EM_BOOL onResize(int, const EmscriptenUiEvent*, void*) {
    gBackend.lastActivity = emscripten_get_now();
    return false;
}

static EM_BOOL onWindowFocus(int type, const EmscriptenFocusEvent*, void*) {
    gBackend.lastActivity = emscripten_get_now();
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    return false;
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Text input and IME (called from shell/loader.js)
//-----------------------------------------------------------------------------------------------------------------

// Text typed, pasted or committed by an IME in the hidden input, as UTF-8.
extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_input_text(const char* utf8) {
    gBackend.lastActivity = emscripten_get_now();
    if (ImGui::GetCurrentContext() != nullptr) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

// The text field ImGui is editing, if any.
static ImGuiInputTextState* activeTextField() {
    ImGuiContext& g = *GImGui;
    return g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId ? &g.InputTextState : nullptr;
}

// Text pasted into the hidden input, from the paste event's clipboardData so line breaks survive: a multi-line
// field keeps them (as \n), a single-line field gets a space for each; trailing line breaks are dropped. It is
// pasted by ImGui itself (the clipboard text plus a V press under the Ctrl/Cmd the user holds): characters sent as
// typed text while Ctrl is down would be ignored, and ImGui's paste replaces the selection as one undo step.
extern "C" EMSCRIPTEN_KEEPALIVE void fieldcrm_paste_text(const char* utf8) {
    gBackend.lastActivity = emscripten_get_now();
    ImGuiInputTextState* field = activeTextField();
    if (field == nullptr) return;
    bool multiline = (field->Flags & ImGuiInputTextFlags_Multiline) != 0;
    std::string_view pasted(utf8);
    while (!pasted.empty() && (pasted.back() == '\n' || pasted.back() == '\r')) pasted.remove_suffix(1);
    std::string text;
    for (size_t i = 0; i < pasted.size(); i++) {
        char c = pasted[i];
        if (c == '\r' && i + 1 < pasted.size() && pasted[i + 1] == '\n') continue;  // \r\n -> \n
        if (c == '\r') c = '\n';
        if ((c == '\n' && !multiline) || c == '\t') c = ' ';
        text += c;
    }
    gBackend.clipboard = text;
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
}

// The selection of the text field being edited, as UTF-8, for the page's copy and cut events ("" if none, and
// never from a password field).
extern "C" EMSCRIPTEN_KEEPALIVE const char* fieldcrm_selected_text() {
    static std::string selected;
    selected.clear();
    ImGuiInputTextState* field = activeTextField();
    if (field == nullptr || !field->HasSelection() || (field->Flags & ImGuiInputTextFlags_Password)) return "";
    int start = std::min(field->GetSelectionStart(), field->GetSelectionEnd());
    int end = std::max(field->GetSelectionStart(), field->GetSelectionEnd());
    const ImWchar* text = field->TextW.Data;
    selected.resize(size_t(end - start) * 4 + 1);
    int written = ImTextStrToUtf8(selected.data(), int(selected.size()), text + start, text + end);
    selected.resize(size_t(written));
    return selected.c_str();
}

static void setImeData(ImGuiViewport*, ImGuiPlatformImeData* data) {
    if (data->WantVisible) fieldcrm_place_text_input(data->InputPos.x, data->InputPos.y, data->InputLineHeight);
}

static void setClipboardText(void*, const char* text) {
    gBackend.clipboard = text;
    fieldcrm_write_clipboard(text);
}

static const char* getClipboardText(void*) { return gBackend.clipboard.c_str(); }

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------------------------------------------

bool initImGuiBrowser(const char* canvasSelector, ImGuiFontBuilder buildFonts) {
    gBackend.canvas = canvasSelector;
    gBackend.buildFonts = buildFonts;

    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = false;
    attrs.depth = false;
    attrs.stencil = false;
    attrs.antialias = false;
    gBackend.gl = emscripten_webgl_create_context(canvasSelector, &attrs);
    if (gBackend.gl <= 0) return false;
    emscripten_webgl_make_context_current(gBackend.gl);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "fieldcrm_browser";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.ConfigMacOSXBehaviors = fieldcrm_is_mac() != 0;
    io.SetPlatformImeDataFn = setImeData;
    io.SetClipboardTextFn = setClipboardText;
    io.GetClipboardTextFn = getClipboardText;

    const char* window = EMSCRIPTEN_EVENT_TARGET_WINDOW;
    emscripten_set_keydown_callback(window, nullptr, true, onKey);
    emscripten_set_keyup_callback(window, nullptr, true, onKey);
    emscripten_set_mousedown_callback(canvasSelector, nullptr, true, onMouseButton);
    emscripten_set_mouseup_callback(window, nullptr, true, onMouseButton);  // releases outside the canvas too
    emscripten_set_mousemove_callback(window, nullptr, true, onMouseMove);
    emscripten_set_mouseleave_callback(canvasSelector, nullptr, true, onMouseLeave);
    emscripten_set_wheel_callback(canvasSelector, nullptr, false, onWheel);
    emscripten_set_focus_callback(window, nullptr, false, onWindowFocus);
    emscripten_set_blur_callback(window, nullptr, false, onWindowFocus);
    emscripten_set_resize_callback(window, nullptr, false, onResize);

    gBackend.lastFrameTime = emscripten_get_now();
    return initImGuiRenderer();
}

// Backing store = CSS size x devicePixelRatio, so every CSS pixel maps to whole device pixels (crisp text).
// Checked every frame: a window resize, a browser zoom or a move to another screen all change one of them.
static void followCanvasSize(ImGuiIO& io) {
    double cssWidth = 0, cssHeight = 0;
    emscripten_get_element_css_size(gBackend.canvas.c_str(), &cssWidth, &cssHeight);
    float ratio = float(emscripten_get_device_pixel_ratio());
    if (ratio <= 0.0f) ratio = 1.0f;
    int width = int(std::lround(cssWidth * ratio));
    int height = int(std::lround(cssHeight * ratio));
    if (width != gBackend.framebufferWidth || height != gBackend.framebufferHeight) {
        emscripten_set_canvas_element_size(gBackend.canvas.c_str(), width, height);
        gBackend.framebufferWidth = width;
        gBackend.framebufferHeight = height;
    }
    io.DisplaySize = ImVec2(float(cssWidth), float(cssHeight));
    io.DisplayFramebufferScale = ImVec2(ratio, ratio);

    if (ratio != gBackend.fontPixelRatio || gBackend.fontRebuildRequested) {
        gBackend.fontPixelRatio = ratio;
        gBackend.fontRebuildRequested = false;
        if (gBackend.buildFonts) gBackend.buildFonts(ratio);
        uploadImGuiFontAtlas();
    }
}

void requestImGuiFontRebuild() {
    gBackend.fontRebuildRequested = true;
    gBackend.lastActivity = emscripten_get_now();  // draw the next frame soon, with the new glyphs
}

void beginImGuiBrowserFrame() {
    ImGuiIO& io = ImGui::GetIO();
    followCanvasSize(io);
    double now = emscripten_get_now();
    io.DeltaTime = float(std::max(now - gBackend.lastFrameTime, 1.0) / 1000.0);
    gBackend.lastFrameTime = now;
}

double lastImGuiBrowserActivity() { return gBackend.lastActivity; }

static const char* cssCursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
        case ImGuiMouseCursor_None: return "none";
        case ImGuiMouseCursor_TextInput: return "text";
        case ImGuiMouseCursor_ResizeAll: return "move";
        case ImGuiMouseCursor_ResizeNS: return "ns-resize";
        case ImGuiMouseCursor_ResizeEW: return "ew-resize";
        case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
        case ImGuiMouseCursor_Hand: return "pointer";
        case ImGuiMouseCursor_NotAllowed: return "not-allowed";
        default: return "default";
    }
}

void endImGuiBrowserFrame(const float clear[4]) {
    glViewport(0, 0, gBackend.framebufferWidth, gBackend.framebufferHeight);
    glClearColor(clear[0], clear[1], clear[2], clear[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    renderImGuiDrawData(*ImGui::GetDrawData(), gBackend.framebufferWidth, gBackend.framebufferHeight);

    ImGuiIO& io = ImGui::GetIO();
    fieldcrm_focus_text_input(io.WantTextInput ? 1 : 0);

    ImGuiMouseCursor cursor = io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
    if (cursor != gBackend.cursor) {
        gBackend.cursor = cursor;
        fieldcrm_set_cursor(cssCursor(cursor));
    }
}

}  // namespace platform
