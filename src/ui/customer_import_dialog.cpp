// CustomerImportDialog: opening a file (whole, or in slices read ahead while the first window arrives), the wizard's
// steps in one modal dialog, and a pass (dry run or commit) run a slice per frame.
//
// Index: field names · opening · the dialog · file · mapping · progress · review · done and failed
#include "ui/customer_import_dialog.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "imgui.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

static const char* kRequester = "customer-import";
static const char* kDialog = "##customer-import";
static const char* kAccept = ".csv,.tsv,.txt,.vcf,.vcard,.json,text/csv,text/vcard,application/json";
static constexpr double kStepBudgetMs = 25;  // work per frame during a pass: the window still answers at ~30 fps
static constexpr int kPreviewColumns = 40;   // the preview table shows at most this many columns

const char* CustomerImportDialog::kSlicedEndings = ".csv,.tsv,.txt,.vcf,.vcard";

// ---- field names -------------------------------------------------------------------------------------------------

// What each import target is called in the mapping combos and the error table.
static const char* fieldName(const std::string& field) {
    static const std::pair<const char*, const char*> names[] = {
        {"name", "Name"},
        {"company", "Company"},
        {"title", "Job title"},
        {"phone", "Phone"},
        {"other_phones", "Other phones"},
        {"email", "Email"},
        {"other_emails", "Other emails"},
        {"country", "Country"},
        {"province", "Province"},
        {"city", "City"},
        {"district", "District"},
        {"address", "Street address"},
        {"source", "Source"},
        {"owner", "Owner"},
        {"tags", "Tags"},
        {"notes", "Notes"},
        {"consent_email", "Email consent"},
        {"consent_sms", "SMS consent"},
        {"consent_phone", "Phone call consent"},
        {"consent_wechat", "WeChat consent"},
    };
    for (const auto& [id, english] : names)
        if (field == id) return tr(english);
    return nullptr;
}

// A target as the user reads it: a field, a custom field by its label, or "Ignore".
static std::string targetName(const std::vector<core::CustomField>& custom, const std::string& target) {
    if (target.empty()) return tr("Ignore this column");
    if (target.rfind("custom:", 0) == 0) {
        for (const core::CustomField& f : custom)
            if ("custom:" + f.id == target) return f.label;
        return target.substr(7);
    }
    const char* name = fieldName(target);
    return name ? name : target;
}

// A reason from core ("phone is not a phone number") in the user's language: the field's name, then the message,
// which core writes in English and the catalogue translates where it can.
static std::string reasonText(const core::ImportRowError& e) {
    std::string reason = e.reason;
    if (!e.field.empty() && reason.rfind(e.field + " ", 0) == 0) reason.erase(0, e.field.size() + 1);
    return tr(reason.c_str());
}

static std::string delimiterName(char delimiter) {
    switch (delimiter) {
        case ',': return tr("comma");
        case ';': return tr("semicolon");
        case '\t': return tr("tab");
        case 0: return "-";
        default: return std::string(1, delimiter);
    }
}

// ---- opening -----------------------------------------------------------------------------------------------------

namespace {

// core's SliceReader over the platform's FileSlices (core knows nothing of the browser).
class PlatformSliceReader : public core::SliceReader {
public:
    explicit PlatformSliceReader(std::unique_ptr<platform::FileSlices> slices) : slices_(std::move(slices)) {}
    int64_t size() const override { return slices_->size(); }
    void request(int64_t offset, size_t length) override { slices_->request(offset, length); }
    std::optional<Slice> take() override {
        std::optional<platform::FileSlices::Slice> s = slices_->take();
        if (!s) return std::nullopt;
        return Slice{s->offset, std::move(s->bytes), std::move(s->error)};
    }

private:
    std::unique_ptr<platform::FileSlices> slices_;
};

bool endsWith(const std::string& name, const char* ending) {
    std::string lower = name;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    size_t n = std::strlen(ending);
    return lower.size() >= n && lower.compare(lower.size() - n, n, ending) == 0;
}

}  // namespace

CustomerImportDialog::CustomerImportDialog(core::Crm& crm, std::string user, std::function<void()> dataChanged)
    : crm_(crm), user_(std::move(user)), dataChanged_(std::move(dataChanged)) {}

bool CustomerImportDialog::canOpen(const std::string& fileName) {
    for (const char* ending : {".csv", ".tsv", ".txt", ".vcf", ".vcard"})
        if (endsWith(fileName, ending)) return true;
    return false;
}

bool CustomerImportDialog::busy() const {
    return step_ == Step::Opening || step_ == Step::Checking || step_ == Step::Committing;
}

float CustomerImportDialog::buttonWidth() const {
    return ImGui::CalcTextSize(label("Import", "import-customers"), nullptr, true).x +
           ImGui::GetStyle().FramePadding.x * 2;
}

void CustomerImportDialog::drawButton() {
    if (ImGui::Button(label("Import", "import-customers"))) chooseFile();
}

void CustomerImportDialog::chooseFile() {
    if (step_ == Step::Closed) platform::pickFile(kRequester, kAccept, platform::ReadAs::Slices);
    else openPopup_ = true;  // an import is open already: show it again
}

void CustomerImportDialog::openFile(platform::OpenedFile file) {
    if (step_ != Step::Closed) {
        notice_ = format(tr("%s was not opened: finish or close the import of %s first."), file.name.c_str(),
                         fileName_.c_str());
        openPopup_ = true;
        return;
    }
    fileName_ = file.name;
    notice_.clear();
    openError_.clear();
    import_.reset();
    opening_.reset();
    openPopup_ = true;
    if (!file.error.empty()) {
        openError_ = format(tr("%s could not be read (%s)."), file.name.c_str(), file.error.c_str());
        step_ = Step::Failed;
        return;
    }
    streamed_ = bool(file.slices);
    if (file.slices) {
        fileSize_ = file.slices->size();
        opening_ = std::make_unique<core::PrefetchingSource>(std::make_unique<PlatformSliceReader>(std::move(file.slices)));
        step_ = Step::Opening;
        startOpening();  // a native or already-arrived window opens at once
        return;
    }
    fileSize_ = int64_t(file.bytes.size());
    auto source = std::make_unique<core::MemoryByteSource>(std::string(file.bytes.begin(), file.bytes.end()));
    import_ = std::make_unique<core::CustomerImport>(crm_, std::move(source), fileName_, user_);
    step_ = import_->phase() == core::CustomerImport::Phase::Failed ? Step::Failed : Step::File;
}

// A sliced file opens once its first window has arrived (the preview and the format come from it).
void CustomerImportDialog::startOpening() {
    if (!opening_ || !opening_->windowFilled()) return;
    import_ = std::make_unique<core::CustomerImport>(crm_, std::move(opening_), fileName_, user_);
    step_ = import_->phase() == core::CustomerImport::Phase::Failed ? Step::Failed : Step::File;
}

void CustomerImportDialog::close() {
    if (import_) import_->cancel();
    import_.reset();
    opening_.reset();
    step_ = Step::Closed;
    ImGui::CloseCurrentPopup();
}

const char* CustomerImportDialog::stepName() const {
    switch (step_) {
        case Step::Closed: return "closed";
        case Step::Opening: return "opening";
        case Step::File: return "file";
        case Step::Mapping: return "mapping";
        case Step::Checking: return "checking";
        case Step::Review: return "review";
        case Step::Committing: return "committing";
        case Step::Done: return "done";
        case Step::Failed: return "failed";
    }
    return "closed";
}

// One slice of the running pass; the step follows the import's phase when it ends.
void CustomerImportDialog::runPass() {
    using Phase = core::CustomerImport::Phase;
    if (!import_ || (step_ != Step::Checking && step_ != Step::Committing)) return;
    if (import_->step(kStepBudgetMs)) return;
    switch (import_->phase()) {
        case Phase::Reviewed: step_ = Step::Review; break;
        case Phase::Done:
            step_ = Step::Done;
            dataChanged_();
            break;
        case Phase::Failed: step_ = Step::Failed; break;
        default: step_ = Step::Mapping; break;
    }
}

// ---- the dialog --------------------------------------------------------------------------------------------------

void CustomerImportDialog::drawDialogs() {
    if (std::optional<platform::OpenedFile> picked = platform::takeOpenedFile(kRequester)) openFile(std::move(*picked));
    if (step_ == Step::Opening) startOpening();
    runPass();
    if (step_ == Step::Closed) return;
    if (openPopup_ || !ImGui::IsPopupOpen(kDialog)) {
        ImGui::OpenPopup(kDialog);
        openPopup_ = false;
    }
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 50, 0), ImGuiCond_Always);
    if (!beginDialog(kDialog)) return;
    screenTitle(tr("Import customers"));
    switch (step_) {
        case Step::Opening:
            drawFileFacts();
            mutedText(tr("Reading the start of the file..."));
            ImGui::ProgressBar(-1.0f * float(ImGui::GetTime()), ImVec2(-FLT_MIN, 0), "");
            if (ImGui::Button(label("Cancel", "import-cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) close();
            break;
        case Step::File: drawFileStep(); break;
        case Step::Mapping: drawMappingStep(); break;
        case Step::Checking:
        case Step::Committing: drawProgressStep(); break;
        case Step::Review: drawReviewStep(); break;
        case Step::Done: drawDoneStep(); break;
        case Step::Failed: drawFailedStep(); break;
        case Step::Closed: break;
    }
    endDialog();
}

// ---- file --------------------------------------------------------------------------------------------------------

void CustomerImportDialog::drawFileFacts() {
    dataText(format("%s (%s)", fileName_.c_str(), formatBytes(fileSize_).c_str()));
    if (!import_ || step_ == Step::Failed) return;
    std::string facts = format(tr("Format %s, encoding %s"), core::importFormatName(import_->format()),
                               import_->encodingName().c_str());
    if (import_->format() == core::ImportFormat::Csv)
        facts += format(tr(", delimiter %s"), delimiterName(import_->delimiter()).c_str());
    facts += format(tr(", %d columns"), int(import_->columns().size()));
    mutedText(facts.c_str());
}

void CustomerImportDialog::drawFileStep() {
    drawFileFacts();
    if (!notice_.empty()) mutedText(notice_.c_str());
    sectionTitle(tr("First rows"));
    const auto& columns = import_->columns();
    const auto& rows = import_->preview();
    int shown = std::min<int>(int(columns.size()), kPreviewColumns);
    if (rows.empty()) mutedText(tr("The file has a header but no rows yet."));
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    float height = ImGui::GetTextLineHeightWithSpacing() * 12;
    if (shown > 0 && ImGui::BeginTable("##import-preview", shown, flags, ImVec2(-FLT_MIN, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (int i = 0; i < shown; i++) ImGui::TableSetupColumn(columns[size_t(i)].c_str());
        ImGui::TableHeadersRow();
        for (const auto& row : rows) {
            ImGui::TableNextRow();
            for (int i = 0; i < shown; i++) {
                ImGui::TableNextColumn();
                if (size_t(i) >= row.size()) continue;
                std::string cell = row[size_t(i)].substr(0, 60);
                std::replace(cell.begin(), cell.end(), '\n', ' ');
                dataText(cell);
            }
        }
        ImGui::EndTable();
    }
    if (int(columns.size()) > shown)
        mutedText(format(tr("The first %d of %d columns are shown."), shown, int(columns.size())).c_str());
    ImGui::Spacing();
    if (primaryButton(label("Next: map the columns", "import-next"))) step_ = Step::Mapping;
    ImGui::SameLine();
    if (ImGui::Button(label("Cancel", "import-cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) close();
}

// ---- mapping -----------------------------------------------------------------------------------------------------

void CustomerImportDialog::drawMappingStep() {
    drawFileFacts();
    if (!notice_.empty()) mutedText(notice_.c_str());
    sectionTitle(tr("Which field does each column fill?"));
    core::CustomerImport& im = *import_;
    std::vector<core::CustomField> custom = crm_.customFields().list();
    const auto& columns = im.columns();
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp;
    float rowHeight = ImGui::GetFrameHeightWithSpacing();
    float height = std::min(rowHeight * float(columns.size() + 1) + 8, rowHeight * 11);
    if (ImGui::BeginTable("##import-mapping", 3, flags, ImVec2(-FLT_MIN, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(tr("Column in the file"), 0, 1.0f);
        ImGui::TableSetupColumn(tr("First value"), 0, 1.0f);
        ImGui::TableSetupColumn(tr("Customer field"), 0, 1.2f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;  // a file may have thousands of columns
        clipper.Begin(int(columns.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                dataText(columns[size_t(i)]);
                ImGui::TableNextColumn();
                std::string sample = im.preview().empty() || size_t(i) >= im.preview()[0].size()
                                         ? std::string() : im.preview()[0][size_t(i)].substr(0, 40);
                std::replace(sample.begin(), sample.end(), '\n', ' ');
                ImGui::PushStyleColor(ImGuiCol_Text, palette().mutedText);
                dataText(sample);
                ImGui::PopStyleColor();
                ImGui::TableNextColumn();
                std::string& target = im.mapping[size_t(i)];
                std::string comboId = "##import-map-" + std::to_string(i);
                // ImGui's combos do not report themselves to the item registry: the test API learns of it here.
                ImVec2 at = ImGui::GetCursorScreenPos();
                registerItem(comboId, at, ImVec2(at.x + ImGui::GetContentRegionAvail().x, at.y + ImGui::GetFrameHeight()));
                ImGui::SetNextItemWidth(-FLT_MIN);
                if (ImGui::BeginCombo(comboId.c_str(), targetName(custom, target).c_str(), ImGuiComboFlags_HeightLargest)) {
                    auto option = [&](const std::string& value, const std::string& shown) {
                        std::string item = shown + "###import-field-" + (value.empty() ? "ignore" : value);
                        noteGlyphs(shown);
                        if (ImGui::Selectable(item.c_str(), target == value)) target = value;
                    };
                    option("", tr("Ignore this column"));
                    for (const std::string& field : core::importTargetFields()) option(field, fieldName(field));
                    for (const core::CustomField& f : custom) option("custom:" + f.id, f.label);
                    ImGui::EndCombo();
                }
            }
        }
        ImGui::EndTable();
    }

    sectionTitle(tr("A row whose phone or email a customer already has"));
    auto policy = [&](const char* text, const char* id, core::DuplicatePolicy value) {
        if (ImGui::RadioButton(label(text, id), im.duplicates == value)) im.duplicates = value;
    };
    policy("Skip it", "import-duplicates-skip", core::DuplicatePolicy::Skip);
    ImGui::SameLine();
    policy("Update that customer", "import-duplicates-update", core::DuplicatePolicy::Update);
    ImGui::SameLine();
    policy("Add it as a new customer", "import-duplicates-create", core::DuplicatePolicy::Create);

    ImGui::Spacing();
    std::string problem = im.mappingProblem();
    if (!problem.empty()) errorText(tr(problem.c_str()));
    ImGui::BeginDisabled(!problem.empty());
    if (primaryButton(label("Check the rows", "import-dry-run"))) {
        notice_.clear();
        im.startDryRun();
        step_ = Step::Checking;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(label("Back", "import-back"))) step_ = Step::File;
    ImGui::SameLine();
    if (ImGui::Button(label("Cancel", "import-cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) close();
}

// ---- progress ----------------------------------------------------------------------------------------------------

void CustomerImportDialog::drawProgressStep() {
    drawFileFacts();
    bool committing = step_ == Step::Committing;
    mutedText(committing ? tr("Writing the customers. Until this finishes, nothing of the file is kept.")
                         : tr("Checking every row. Nothing is written yet."));
    std::string count = format(tr("%s rows"), core::formatInteger(language(), import_->counts().rows).c_str());
    ImGui::ProgressBar(float(import_->progress()), ImVec2(-FLT_MIN, 0), count.c_str());
    if (ImGui::Button(label("Cancel", "import-cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        import_->cancel();
        step_ = Step::Mapping;
        notice_ = committing ? tr("The import was cancelled. Nothing was written; your customers are as they were.")
                             : tr("The check was cancelled.");
    }
}

// ---- review ------------------------------------------------------------------------------------------------------

void CustomerImportDialog::drawCounts() {
    const core::CustomerImportCounts& n = import_->counts();
    bool done = step_ == Step::Done;
    countsLine({{done ? tr("Added") : tr("New"), n.created},
                {done ? tr("Updated") : tr("To update"), n.updated},
                {tr("Duplicates skipped"), n.duplicates},
                {tr("Rows with errors"), n.failed},
                {tr("New companies"), n.companies}});
}

void CustomerImportDialog::drawReviewStep() {
    core::CustomerImport& im = *import_;
    std::vector<core::CustomField> custom = crm_.customFields().list();
    drawFileFacts();
    sectionTitle(format(tr("%s rows checked"), core::formatInteger(language(), im.counts().rows).c_str()).c_str());
    drawCounts();
    if (im.errorCount() > 0) {
        ImGui::Spacing();
        errorText(format(tr("%s problems in %s rows. Fix them in the file and import it again, or import the other "
                            "rows and leave these out."),
                         core::formatInteger(language(), im.errorCount()).c_str(),
                         core::formatInteger(language(), im.counts().failed).c_str()).c_str());
        const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                      ImGuiTableFlags_SizingStretchProp;
        float height = std::min(ImGui::GetTextLineHeightWithSpacing() * float(im.errors().size() + 1) + 8,
                                ImGui::GetTextLineHeightWithSpacing() * 10);
        if (ImGui::BeginTable("##import-errors", 3, flags, ImVec2(-FLT_MIN, height))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn(tr("Row"), ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn(tr("Field"), 0, 0.6f);
            ImGui::TableSetupColumn(tr("Problem"), 0, 2.0f);
            ImGui::TableHeadersRow();
            ImGuiListClipper clipper;
            clipper.Begin(int(im.errors().size()));
            while (clipper.Step()) {
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
                    const core::ImportRowError& e = im.errors()[size_t(i)];
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::Text("%lld", (long long)e.row);
                    ImGui::TableNextColumn();
                    dataText(e.field.empty() ? std::string("-") : targetName(custom, e.field));
                    ImGui::TableNextColumn();
                    dataText(reasonText(e));
                }
            }
            ImGui::EndTable();
        }
        if (im.errorCount() > int64_t(im.errors().size()))
            mutedText(format(tr("The first %s problems are listed."),
                             core::formatInteger(language(), int64_t(im.errors().size())).c_str()).c_str());
        if (ImGui::Button(label("Download errors", "import-download-errors"))) {
            std::string csv = im.errorsCsv();
            std::string base = fileName_.substr(0, fileName_.rfind('.'));
            platform::saveFile(base + "-errors.csv", "text/csv;charset=utf-8", std::vector<uint8_t>(csv.begin(), csv.end()));
        }
        ImGui::SameLine();
        ImGui::Checkbox(label("Import the other rows and leave the rows with errors out", "import-skip-errors"),
                        &im.skipRowsWithErrors);
    }
    ImGui::Spacing();
    int64_t writes = im.counts().created + im.counts().updated;
    if (writes == 0) mutedText(tr("There is nothing to import: no row adds or updates a customer."));
    ImGui::BeginDisabled(!im.canCommit());
    std::string commit = format(tr("Import %s customers"), core::formatInteger(language(), writes).c_str());
    if (primaryButton((commit + "###import-commit").c_str())) {
        im.startCommit();
        step_ = Step::Committing;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(label("Back", "import-back"))) step_ = Step::Mapping;
    ImGui::SameLine();
    if (ImGui::Button(label("Cancel", "import-cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) close();
}

// ---- done and failed ---------------------------------------------------------------------------------------------

void CustomerImportDialog::drawDoneStep() {
    drawFileFacts();
    sectionTitle(tr("Imported"));
    drawCounts();
    ImGui::Spacing();
    if (primaryButton(label("Close", "import-close")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false) ||
        ImGui::IsKeyPressed(ImGuiKey_Enter, false))
        close();
}

void CustomerImportDialog::drawFailedStep() {
    drawFileFacts();
    std::string why = !openError_.empty() ? openError_ : import_ ? tr(import_->fileError().c_str()) : std::string();
    errorText(format(tr("%s was not imported: %s"), fileName_.c_str(), why.c_str()).c_str());
    mutedText(tr("Nothing was written; your customers are as they were. Check that the file is a CSV, vCard or "
                 "FieldCRM JSON file, and that it is complete."));
    ImGui::Spacing();
    if (primaryButton(label("Close", "import-close")) || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) close();
}

}  // namespace ui
