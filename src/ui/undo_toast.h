// The toast that follows a destructive action: a short message with an Undo button, gone after a few seconds.
// It only runs the undo it was handed; what is undone (and how it is written) belongs to the screen that showed it.
#pragma once

#include <functional>
#include <string>

namespace ui {

class UndoToast {
public:
    // Replaces any toast on screen (its undo chance ends with it). With no undo, it is a notice without a button.
    void show(std::string message, std::function<void()> undo, double seconds = 6.0);
    void dismiss();

    // Draws in the bottom-right corner above `bottomInset` CSS px; call once per frame.
    void draw(float bottomInset);

    bool visible() const { return !message_.empty(); }
    const std::string& message() const { return message_; }

private:
    void drawUndoButton();

    std::string message_;
    std::function<void()> undo_;
    double expiresAt_ = 0.0;  // ImGui::GetTime() seconds
};

}  // namespace ui
