// The customer import wizard: a modal dialog (UI.md: the mapping is a decision) that takes a picked or dropped file
// through core::CustomerImport — the file and its first rows, one field per column and the duplicates policy, a
// dry run with its per-row errors (downloadable), then the commit (all rows or none) and what it did. Long passes
// run a step() per frame behind a progress bar with Cancel, so the window stays responsive. Files come in slices
// (platform::FileSlices, read ahead by core::PrefetchingSource) or, for a dropped .json, whole.
// Reads and writes only through core::CustomerImport; files through platform/files.h.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/crm.h"
#include "core/customer_import.h"
#include "platform/files.h"

namespace ui {

class CustomerImportDialog {
public:
    // `dataChanged` runs after a commit wrote customers (the lists read them again).
    CustomerImportDialog(core::Crm& crm, std::string user, std::function<void()> dataChanged);

    // The "Import" button of the Customers screen; its width, for right-aligning the header.
    void drawButton();
    float buttonWidth() const;
    // What that button does (also the empty list's "Import a file..."): the file picker, or the open import again.
    void chooseFile();

    // A file picked here or dropped on the window (CSV, vCard, our JSON export).
    void openFile(platform::OpenedFile file);
    static bool canOpen(const std::string& fileName);  // by its name: .csv .tsv .txt .vcf .vcard
    static const char* kSlicedEndings;                 // dropped files of these kinds come in slices

    void drawDialogs();  // every frame, whatever screen is open
    bool busy() const;   // opening or a pass in progress: keep drawing frames

    // What the dialog shows, for the test API.
    enum class Step { Closed, Opening, File, Mapping, Checking, Review, Committing, Done, Failed };
    Step step() const { return step_; }
    const char* stepName() const;
    const core::CustomerImport* import() const { return import_.get(); }
    const std::string& fileName() const { return fileName_; }
    const std::string& notice() const { return notice_; }
    bool streamed() const { return streamed_; }
    int64_t fileSize() const { return fileSize_; }

private:
    void startOpening();
    void drawFileStep();
    void drawMappingStep();
    void drawProgressStep();
    void drawReviewStep();
    void drawDoneStep();
    void drawFailedStep();
    void drawFileFacts();
    void drawCounts();
    void close();
    void runPass();

    core::Crm& crm_;
    std::string user_;
    std::function<void()> dataChanged_;

    Step step_ = Step::Closed;
    bool openPopup_ = false;
    std::string fileName_;
    int64_t fileSize_ = 0;
    bool streamed_ = false;
    std::unique_ptr<core::PrefetchingSource> opening_;  // a sliced file until its first window arrived
    std::unique_ptr<core::CustomerImport> import_;
    std::string notice_;  // e.g. "cancelled: nothing was written"
    std::string openError_;
};

}  // namespace ui
