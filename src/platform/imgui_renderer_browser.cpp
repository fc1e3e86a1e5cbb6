// The WebGL2 renderer of Dear ImGui's draw data (see imgui_renderer_browser.h for why it is ours): one shader, one
// vertex array with its two buffers, the font texture. Every frame sets the few states it needs, uploads each draw
// list's vertices and indices, and draws its commands clipped to their rectangles; nothing is read back.
//
// Index
//   [SECTION] Shader and buffers
//   [SECTION] Font texture
//   [SECTION] Drawing
#include "platform/imgui_renderer_browser.h"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "imgui.h"

namespace platform {

struct ImGuiRenderer {
    GLuint program = 0;
    GLint projection = -1;  // uniform locations
    GLint texture = -1;
    GLuint vertexArray = 0, vertexBuffer = 0, indexBuffer = 0;
    GLuint fontTexture = 0;
};

static ImGuiRenderer gRenderer;

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Shader and buffers
//-----------------------------------------------------------------------------------------------------------------

static const char* const kVertexShader = R"glsl(#version 300 es
precision highp float;
layout (location = 0) in vec2 position;
layout (location = 1) in vec2 uv;
layout (location = 2) in vec4 color;
uniform mat4 projection;
out vec2 fragmentUv;
out vec4 fragmentColor;
void main() {
    fragmentUv = uv;
    fragmentColor = color;
    gl_Position = projection * vec4(position, 0.0, 1.0);
}
)glsl";

static const char* const kFragmentShader = R"glsl(#version 300 es
precision mediump float;
uniform sampler2D sampled;
in vec2 fragmentUv;
in vec4 fragmentColor;
layout (location = 0) out vec4 outColor;
void main() {
    outColor = fragmentColor * texture(sampled, fragmentUv);
}
)glsl";

// True when GL says `object` compiled (a shader) or linked (a program); else the reason goes to the console.
using GetStatus = void (*)(GLuint, GLenum, GLint*);
using GetLog = void (*)(GLuint, GLsizei, GLsizei*, GLchar*);
static bool built(GLuint object, GLenum status, GetStatus getStatus, GetLog getLog, const char* what) {
    GLint ok = 0;
    getStatus(object, status, &ok);
    if (ok) return true;
    char log[1024] = "";
    getLog(object, sizeof log, nullptr, log);
    std::fprintf(stderr, "ImGui renderer: %s: %s\n", what, log);
    return false;
}

static GLuint compileShader(GLenum type, const char* source) {
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    const char* what = type == GL_VERTEX_SHADER ? "the vertex shader does not compile" : "the fragment shader does not compile";
    if (built(shader, GL_COMPILE_STATUS, glGetShaderiv, glGetShaderInfoLog, what)) return shader;
    glDeleteShader(shader);
    return 0;
}

bool initImGuiRenderer() {
    GLuint vertex = compileShader(GL_VERTEX_SHADER, kVertexShader);
    GLuint fragment = compileShader(GL_FRAGMENT_SHADER, kFragmentShader);
    GLuint program = vertex && fragment ? glCreateProgram() : 0;
    if (program) {
        glAttachShader(program, vertex);
        glAttachShader(program, fragment);
        glLinkProgram(program);
    }
    glDeleteShader(vertex);  // kept alive by the program; deleting 0 does nothing
    glDeleteShader(fragment);
    if (!program) return false;
    if (!built(program, GL_LINK_STATUS, glGetProgramiv, glGetProgramInfoLog, "the shader program does not link")) {
        glDeleteProgram(program);
        return false;
    }
    gRenderer.program = program;
    gRenderer.projection = glGetUniformLocation(program, "projection");
    gRenderer.texture = glGetUniformLocation(program, "sampled");

    // The vertex array keeps the attribute layout and the index buffer binding: set up once.
    glGenVertexArrays(1, &gRenderer.vertexArray);
    glGenBuffers(1, &gRenderer.vertexBuffer);
    glGenBuffers(1, &gRenderer.indexBuffer);
    glBindVertexArray(gRenderer.vertexArray);
    glBindBuffer(GL_ARRAY_BUFFER, gRenderer.vertexBuffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, gRenderer.indexBuffer);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    const GLsizei stride = sizeof(ImDrawVert);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
    glBindVertexArray(0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "fieldcrm_webgl2";
    // No ImGuiBackendFlags_RendererHasVtxOffset: WebGL2 has no base vertex, so ImGui keeps every command's
    // vertices addressable by 16-bit indices from the start of its draw list.
    return true;
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Font texture
//-----------------------------------------------------------------------------------------------------------------

void uploadImGuiFontAtlas() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (gRenderer.fontTexture) glDeleteTextures(1, &gRenderer.fontTexture);
    glGenTextures(1, &gRenderer.fontTexture);
    glBindTexture(GL_TEXTURE_2D, gRenderer.fontTexture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(static_cast<ImTextureID>(reinterpret_cast<void*>(uintptr_t(gRenderer.fontTexture))));
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------------------------------------------

// Straight alpha blending (ImGui's colours are not premultiplied), a scissor per command, no depth or culling.
static void setRenderState(const ImDrawData& data, int framebufferWidth, int framebufferHeight) {
    glViewport(0, 0, framebufferWidth, framebufferHeight);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(gRenderer.program);
    // Orthographic projection of ImGui's display rectangle onto clip space (y down), column-major.
    const float left = data.DisplayPos.x, right = data.DisplayPos.x + data.DisplaySize.x;
    const float top = data.DisplayPos.y, bottom = data.DisplayPos.y + data.DisplaySize.y;
    const float projection[16] = {
        2.0f / (right - left), 0.0f, 0.0f, 0.0f,
        0.0f, 2.0f / (top - bottom), 0.0f, 0.0f,
        0.0f, 0.0f, -1.0f, 0.0f,
        (right + left) / (left - right), (top + bottom) / (bottom - top), 0.0f, 1.0f,
    };
    glUniformMatrix4fv(gRenderer.projection, 1, GL_FALSE, projection);
    glUniform1i(gRenderer.texture, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(gRenderer.vertexArray);
    glBindBuffer(GL_ARRAY_BUFFER, gRenderer.vertexBuffer);
}

void renderImGuiDrawData(const ImDrawData& data, int framebufferWidth, int framebufferHeight) {
    if (framebufferWidth <= 0 || framebufferHeight <= 0 || data.DisplaySize.x <= 0.0f || data.DisplaySize.y <= 0.0f)
        return;
    setRenderState(data, framebufferWidth, framebufferHeight);
    const ImVec2 offset = data.DisplayPos, scale = data.FramebufferScale;
    const GLenum indexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    for (const ImDrawList* list : data.CmdLists) {
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(list->VtxBuffer.Size) * GLsizeiptr(sizeof(ImDrawVert)),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(list->IdxBuffer.Size) * GLsizeiptr(sizeof(ImDrawIdx)),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState)
                    setRenderState(data, framebufferWidth, framebufferHeight);
                else
                    cmd.UserCallback(list, &cmd);
                continue;
            }
            // The clip rectangle in framebuffer pixels; GL's scissor counts rows from the bottom.
            const float minX = (cmd.ClipRect.x - offset.x) * scale.x, minY = (cmd.ClipRect.y - offset.y) * scale.y;
            const float maxX = (cmd.ClipRect.z - offset.x) * scale.x, maxY = (cmd.ClipRect.w - offset.y) * scale.y;
            if (maxX <= minX || maxY <= minY) continue;
            glScissor(GLint(minX), GLint(float(framebufferHeight) - maxY), GLsizei(maxX - minX), GLsizei(maxY - minY));
            glBindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<uintptr_t>(cmd.GetTexID())));
            glDrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), indexType,
                           reinterpret_cast<void*>(uintptr_t(cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
    }
    glDisable(GL_SCISSOR_TEST);  // the next frame's clear covers the whole canvas
}

}  // namespace platform
