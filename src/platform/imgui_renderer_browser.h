// Draws Dear ImGui's draw data into the app's WebGL2 context. FieldCRM owns that context and nothing else draws
// into it, so unlike ImGui's imgui_impl_opengl3 this renderer reads no GL state back to restore it: in Chromium
// several of those ~20 reads (getParameter) wait for the GPU process, and under SwiftShader they were 2.6 ms of a
// 3 ms frame. Used by the platform backend (imgui_backend_browser.cpp) only.
#pragma once

struct ImDrawData;

namespace platform {

// Compiles the shader and makes the buffers, in the current context. False (with the reason on the console) when
// WebGL2 refuses them.
bool initImGuiRenderer();

// Uploads ImGui's font atlas as the font texture (again after the atlas was rebuilt), replacing the previous one.
void uploadImGuiFontAtlas();

// Draws `data` over the whole framebuffer (its size in device pixels).
void renderImGuiDrawData(const ImDrawData& data, int framebufferWidth, int framebufferHeight);

}  // namespace platform
