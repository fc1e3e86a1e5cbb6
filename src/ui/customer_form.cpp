// The customer detail form: every field of the customer in sections, per-field validation (shown when a field is
// left, or after a save attempt), required fields from the settings, the company picker, duplicate warnings under
// the phone and email, custom fields by kind, Save / Cancel / Delete and their keys. Writes go through
// core::CustomerService only; no SQL here.
//
// Index
//   [SECTION] Helpers: translated names, messages, dates
//   [SECTION] Opening, closing, comparing
//   [SECTION] Validation and saving
//   [SECTION] Fields by section
//   [SECTION] The whole form
#include "ui/customer_form.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/customer_fields.h"
#include "core/validation.h"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/icons.h"
#include "ui/item_registry.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace ui {

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Helpers: translated names, messages, dates
//-----------------------------------------------------------------------------------------------------------------

const char* sourceChannelName(const std::string& code) {
    if (code == "web_form") return tr("Web form");
    if (code == "event") return tr("Event");
    if (code == "referral") return tr("Referral");
    if (code == "social") return tr("Social media");
    if (code == "advertising") return tr("Advertising");
    if (code == "cold_call") return tr("Cold call");
    if (code == "import") return tr("Import");
    if (code == "other") return tr("Other");
    return code.empty() ? tr("Not set") : code.c_str();  // a code from a newer version: as stored
}

static const char* consentChannelName(const std::string& channel) {
    if (channel == "email") return tr("Email");
    if (channel == "sms") return tr("SMS");
    if (channel == "phone") return tr("Phone");
    if (channel == "wechat") return tr("WeChat");
    return channel.c_str();
}

static const char* consentStateName(int state) {
    return state == 1 ? tr("Given") : state == 2 ? tr("Refused") : tr("Unknown");
}

static std::string today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
    return text;
}

// Stored phones one per line -> each shown formatted ("138 0013 8000"); the service normalises them again on Save.
static std::string formattedPhones(const std::string& lines) {
    std::string out;
    for (const std::string& phone : core::splitList(lines)) out += (out.empty() ? "" : "\n") + core::formatPhone(phone);
    return out;
}

// "other_phones" -> "##customer-other-phones": the widget ids the tests type into.
static std::string fieldId(const std::string& key) {
    std::string id = "##customer-" + key;
    std::replace(id.begin(), id.end(), '_', '-');
    return id;
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Opening, closing, comparing
//-----------------------------------------------------------------------------------------------------------------

CustomerForm::CustomerForm(core::Crm& crm, std::string user) : crm_(crm), user_(std::move(user)) {}

// What every open shares: fresh rules, no messages yet, the consent editors filled from the record.
void CustomerForm::opened() {
    draft_ = original_;
    messages_.reset();
    saveError_.clear();
    requestedId_.clear();
    phoneDuplicates_ = {};
    emailDuplicates_ = {};
    suggestionsFor_ = "\x01";
    consent_.clear();
    for (const std::string& channel : core::kConsentChannels) {
        auto it = original_.consent.find(channel);
        core::Consent c = core::Consent::parse(it == original_.consent.end() ? "" : it->second);
        consent_[channel] = {c.state == core::Consent::State::Given ? 1 : c.state == core::Consent::State::Refused ? 2 : 0, c.date};
    }
    loadRules();
}

void CustomerForm::openNew() {
    mode_ = Mode::New;
    original_ = core::Customer();
    opened();
    focusFirstField_ = true;
}

// Phones are shown formatted ("+1 415 555 0100"); the service stores them normalised again on Save.
void CustomerForm::openExisting(const core::Customer& customer) {
    mode_ = Mode::Edit;
    original_ = customer;
    original_.phone = core::formatPhone(customer.phone);
    original_.otherPhones = formattedPhones(customer.otherPhones);
    opened();
    focusFirstField_ = false;
}

void CustomerForm::close() {
    mode_ = Mode::Closed;
    original_ = core::Customer();
    draft_ = core::Customer();
    messages_.reset();
    saveError_.clear();
}

void CustomerForm::loadRules() {
    try {
        rules_ = crm_.customers().rules();
    } catch (const std::exception& e) {
        saveError_ = format(tr("Could not read the form settings: %s"), e.what());
    }
}

const char* CustomerForm::modeName() const {
    switch (mode_) {
        case Mode::New: return "new";
        case Mode::Edit: return "edit";
        default: return "closed";
    }
}

static std::map<std::string, std::string> withoutEmpty(std::map<std::string, std::string> values) {
    for (auto it = values.begin(); it != values.end();) it = it->second.empty() ? values.erase(it) : std::next(it);
    return values;
}

bool CustomerForm::dirty() const {
    if (mode_ == Mode::Closed) return false;
    const core::Customer& a = draft_;
    const core::Customer& b = original_;
    return a.name != b.name || a.company != b.company || a.companyId != b.companyId || a.title != b.title ||
           a.phone != b.phone || a.otherPhones != b.otherPhones || a.email != b.email ||
           a.otherEmails != b.otherEmails || a.country != b.country || a.province != b.province ||
           a.city != b.city || a.district != b.district || a.address != b.address || a.source != b.source ||
           a.owner != b.owner || a.tags != b.tags || a.notes != b.notes ||
           withoutEmpty(a.consent) != withoutEmpty(b.consent) || withoutEmpty(a.custom) != withoutEmpty(b.custom);
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Validation and saving
//-----------------------------------------------------------------------------------------------------------------

// The consent editors -> the stored form ("yes:2026-12-02"); a date that is no date stays as typed, so validation
// names it.
void CustomerForm::composeConsent() {
    for (const auto& [channel, entry] : consent_) {
        if (entry.state == 0) {
            draft_.consent.erase(channel);
            continue;
        }
        std::string date = core::parseDate(entry.date);
        draft_.consent[channel] = (entry.state == 1 ? "yes:" : "no:") + (date.empty() ? entry.date : date);
    }
}

// The draft as the service will judge it: phones, numbers and dates in their stored forms, values of custom fields
// removed meanwhile (in Settings, or by a sync) left out.
static core::Customer preparedForSave(const core::Customer& draft, const core::CustomerService::Rules& rules) {
    core::Customer c = draft;
    for (auto it = c.custom.begin(); it != c.custom.end();) {
        bool known = std::any_of(rules.customFields.begin(), rules.customFields.end(),
                                 [&](const core::CustomField& f) { return f.id == it->first; });
        it = known ? std::next(it) : c.custom.erase(it);
    }
    core::CustomerService::normalize(c, rules);
    return c;
}

std::vector<core::FieldError> CustomerForm::currentErrors() const {
    return crm_.customers().validate(preparedForSave(draft_, rules_), rules_);
}

bool CustomerForm::save() {
    messages_.submitted();
    saveError_.clear();
    composeConsent();
    errors_ = currentErrors();
    if (!errors_.empty()) return false;
    try {
        core::Customer customer = preparedForSave(draft_, rules_);
        std::string id = customer.id;
        if (mode_ == Mode::New) id = crm_.customers().add(customer, user_);
        else crm_.customers().update(customer, user_);
        std::optional<core::Customer> stored = crm_.customers().get(id);
        if (!stored) {
            saveError_ = tr("The customer was saved but could not be read back.");
            return false;
        }
        openExisting(*stored);
        return true;
    } catch (const core::ValidationError& e) {
        errors_ = e.errors;  // shown under their fields (after a save attempt all are)
        return false;
    } catch (const std::exception& e) {
        saveError_ = format(tr("Could not save: %s. Your changes are still in the form."), e.what());
        return false;
    }
}

std::vector<core::FieldError> CustomerForm::shownErrors() const { return messages_.shownOf(errors_); }

bool CustomerForm::isRequired(const std::string& field) const {
    return std::find(rules_.required.begin(), rules_.required.end(), field) != rules_.required.end();
}

// Duplicates are looked up again only when the (normalised) phone or email changes and is a valid one.
void CustomerForm::updateDuplicates() {
    auto hasError = [&](const char* field) {
        return std::any_of(errors_.begin(), errors_.end(), [&](const core::FieldError& e) { return e.field == field; });
    };
    std::string phone = hasError("phone") ? "" : core::normalizePhone(core::trimmed(draft_.phone));
    std::string email = hasError("email") ? "" : core::trimmed(draft_.email);
    try {
        if (phone != phoneDuplicates_.value)
            phoneDuplicates_ = {phone, phone.empty() ? std::vector<core::Customer>{} : crm_.customers().findDuplicates(phone, "", original_.id)};
        if (email != emailDuplicates_.value)
            emailDuplicates_ = {email, email.empty() ? std::vector<core::Customer>{} : crm_.customers().findDuplicates("", email, original_.id)};
    } catch (const std::exception&) {
        // A warning only: saving does not depend on it.
    }
}

std::vector<CustomerForm::Duplicate> CustomerForm::duplicates() const {
    std::vector<Duplicate> out;
    for (const core::Customer& c : phoneDuplicates_.found) out.push_back({"phone", c.id, c.name});
    for (const core::Customer& c : emailDuplicates_.found) out.push_back({"email", c.id, c.name});
    return out;
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] Fields by section
//-----------------------------------------------------------------------------------------------------------------

// A labelled text field of the customer; `key` is the field's name in core ("other_phones").
FieldEvents CustomerForm::textField(const char* english, const char* key, std::string* value, int lines, const char* hint,
                                    float width) {
    const char* shown = tr(english);
    std::string message = messages_.sentence(errors_, key, shown);
    if (focusFirstField_ && std::string(key) == "name") {
        ImGui::SetKeyboardFocusHere();
        focusFirstField_ = false;
    }
    FieldEvents events = formField(shown, fieldId(key).c_str(), value, message, isRequired(key), lines, hint, width);
    if (events.left) messages_.left(key);
    return events;
}

void CustomerForm::drawContact(bool& wantSave) {
    sectionTitle(tr("Contact"));
    wantSave |= textField("Name", "name", &draft_.name).entered;
    wantSave |= textField("Job title", "title", &draft_.title, 1, tr("e.g. Purchasing manager")).entered;
    drawCompanyPicker(wantSave);
}

// The company: type to search the companies; picking one links the customer to it (companyId). A name that is no
// company's stays a plain name (and is linked when a company of that name exists at Save).
void CustomerForm::drawCompanyPicker(bool& wantSave) {
    const char* shown = tr("Company");
    std::string message = messages_.sentence(errors_, "company", shown);
    FieldEvents events = formField(shown, "##customer-company", &draft_.company, message, isRequired("company"), 1,
                                   tr("Type to search your companies"));
    if (events.changed) draft_.companyId.clear();
    if (events.left) messages_.left("company");
    if (events.entered) wantSave = true;
    companyActive_ = events.active;

    if (!companyActive_ && !suggestionsHovered_) {
        if (!draft_.companyId.empty()) {
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y * 0.5f);
            mutedText(tr("Linked to the company of this name in Companies."));
            ImGui::Spacing();
        }
        return;
    }
    if (suggestionsFor_ != draft_.company) {
        try {
            suggestions_ = crm_.companies().list(draft_.company, 6);
        } catch (const std::exception&) {
            suggestions_.clear();
        }
        suggestionsFor_ = draft_.company;
    }
    if (suggestions_.empty()) {
        suggestionsHovered_ = false;
        return;
    }
    // Under the field, without tab stops (Tab goes on to the next field); kept while the mouse is on them so that
    // a click, which ends the typing first, still reaches its row.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y * 0.5f);
    ImGui::BeginGroup();
    ImGui::PushTabStop(false);
    mutedText(tr("Existing companies:"));
    for (const core::Company& c : suggestions_) {
        noteGlyphs(c.name);
        std::string text = c.city.empty() ? c.name : c.name + "  ·  " + c.city;
        noteGlyphs(text);
        if (ImGui::Selectable((text + "###company-option-" + c.id).c_str(), c.id == draft_.companyId)) {
            draft_.companyId = c.id;
            draft_.company = c.name;
            messages_.left("company");
            suggestionsHovered_ = false;
            suggestionsFor_ = "\x01";
            ImGui::PopTabStop();
            ImGui::EndGroup();
            return;
        }
    }
    ImGui::PopTabStop();
    ImGui::EndGroup();
    // The rows span the field's width, wider than the group's text.
    ImVec2 listMax(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x, ImGui::GetItemRectMax().y);
    suggestionsHovered_ = ImGui::IsMouseHoveringRect(ImGui::GetItemRectMin(), listMax);
    ImGui::Spacing();
}

// Under the phone or email: who else has it, with a button that opens that customer. Saving stays allowed.
bool CustomerForm::drawDuplicates(const char* field, const DuplicateLookup& lookup) {
    bool open = false;
    for (const core::Customer& c : lookup.found) {
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y * 0.5f);
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::TextUnformatted(ICON_WARNING);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        noteGlyphs(c.name);
        std::string text = std::string(field) == "phone" ? format(tr("%s already has this phone number."), c.name.c_str())
                                                          : format(tr("%s already has this email address."), c.name.c_str());
        ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - 80);
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SameLine();
        std::string button = std::string(tr("Open")) + "###open-duplicate-" + field + "-" + c.id;
        if (ImGui::SmallButton(button.c_str())) {
            requestedId_ = c.id;
            open = true;
        }
        noteItemOutOfView(button);
    }
    if (!lookup.found.empty()) ImGui::Spacing();
    return open;
}

void CustomerForm::drawPhonesAndEmails(bool& wantSave, bool& openOther) {
    sectionTitle(tr("Phone and email"));
    // Left with a number we understand: shown formatted, as everywhere else (what is no number stays as typed).
    FieldEvents phone = textField("Phone", "phone", &draft_.phone, 1, tr("+49 30 1234567"));
    wantSave |= phone.entered;
    if (phone.left) draft_.phone = core::formatPhone(core::normalizePhone(core::trimmed(draft_.phone)));
    openOther |= drawDuplicates("phone", phoneDuplicates_);
    if (textField("Other phones", "other_phones", &draft_.otherPhones, 2).left) {
        std::string shown;
        for (const std::string& p : core::splitList(draft_.otherPhones))
            shown += (shown.empty() ? "" : "\n") + core::formatPhone(core::normalizePhone(p));
        draft_.otherPhones = shown;
    }
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y);
    mutedText(tr("One number per line."));
    ImGui::Spacing();

    wantSave |= textField("Email", "email", &draft_.email, 1, tr("name@example.com")).entered;
    openOther |= drawDuplicates("email", emailDuplicates_);
    textField("Other emails", "other_emails", &draft_.otherEmails, 2);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y);
    mutedText(tr("One address per line."));
    ImGui::Spacing();
}

// Country and province, city and district side by side: Chinese addresses read from large to small.
void CustomerForm::drawAddress(bool& wantSave) {
    sectionTitle(tr("Address"));
    float half = pairFieldWidth();
    beginPairedField(false);
    wantSave |= textField("Country", "country", &draft_.country, 1, tr("e.g. China"), half).entered;
    endPairedField();
    beginPairedField(true);
    wantSave |= textField("Province", "province", &draft_.province, 1, tr("e.g. Guangdong"), half).entered;
    endPairedField();
    beginPairedField(false);
    wantSave |= textField("City", "city", &draft_.city, 1, nullptr, half).entered;
    endPairedField();
    beginPairedField(true);
    wantSave |= textField("District", "district", &draft_.district, 1, tr("e.g. Nanshan"), half).entered;
    endPairedField();
    wantSave |= textField("Street address", "address", &draft_.address, 1, tr("Street, building, room")).entered;
}

// A combo of the source channels by their translated names; "Not set" for none.
void CustomerForm::drawSourceAndOwner(bool& wantSave) {
    sectionTitle(tr("Sales"));
    ImGui::TextUnformatted(tr("Source"));
    if (isRequired("source")) {
        ImGui::SameLine(0, 4);
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::TextUnformatted("*");
        ImGui::PopStyleColor();
    }
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y * 0.5f);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (beginCombo("###customer-source", sourceChannelName(draft_.source))) {
        std::vector<std::string> codes = {""};
        codes.insert(codes.end(), core::kSourceChannels.begin(), core::kSourceChannels.end());
        for (const std::string& code : codes) {
            std::string item = std::string(sourceChannelName(code)) + "###source-" + (code.empty() ? "none" : code);
            if (ImGui::Selectable(item.c_str(), code == draft_.source)) {
                draft_.source = code;
                messages_.left("source");
            }
        }
        ImGui::EndCombo();
    }
    if (std::string message = messages_.sentence(errors_, "source", tr("Source")); !message.empty())
        errorText(message.c_str());
    ImGui::Spacing();
    wantSave |= textField("Owner", "owner", &draft_.owner, 1, tr("The sales rep responsible")).entered;
    wantSave |= textField("Tags", "tags", &draft_.tags, 1, tr("vip, trade fair")).entered;
}

// One row per channel: the channel, unknown / given / refused, and the day (today when first chosen).
void CustomerForm::drawConsent() {
    sectionTitle(tr("Marketing consent"));
    for (const std::string& channel : core::kConsentChannels) {
        ConsentEntry& entry = consent_[channel];
        std::string key = "consent_" + channel;
        ImGui::PushID(channel.c_str());
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(consentChannelName(channel));
        float column = ImGui::GetFontSize() * 6;
        ImGui::SameLine(column);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
        std::string comboId = "###consent-" + channel;
        if (beginCombo(comboId.c_str(), consentStateName(entry.state))) {
            for (int state = 0; state < 3; state++) {
                static const char* kIds[] = {"unknown", "given", "refused"};
                std::string item = std::string(consentStateName(state)) + "###consent-" + channel + "-" + kIds[state];
                if (ImGui::Selectable(item.c_str(), state == entry.state)) {
                    if (state != 0 && entry.date.empty()) entry.date = today();
                    entry.state = state;
                    messages_.left(key);
                }
            }
            ImGui::EndCombo();
        }
        if (entry.state != 0) {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(-FLT_MIN);
            std::string dateId = "##consent-" + channel + "-date";
            ImGui::InputTextWithHint(dateId.c_str(), "YYYY-MM-DD", &entry.date);
            if (ImGui::IsItemDeactivated()) messages_.left(key);
            noteItemOutOfView(dateId);
        }
        if (std::string message = messages_.sentence(errors_, key, consentChannelName(channel)); !message.empty())
            errorText(message.c_str());
        ImGui::PopID();
    }
    ImGui::Spacing();
}

// One input per custom field by its kind: text, number and date as text (checked as you leave them), a single
// choice as a combo, a multiple choice as checkboxes.
void CustomerForm::drawCustomFields(bool& wantSave) {
    if (rules_.customFields.empty()) return;
    sectionTitle(tr("More fields"));
    for (const core::CustomField& f : rules_.customFields) {
        std::string key = "custom:" + f.id, id = "##custom-" + f.id;
        std::string& value = draft_.custom[f.id];
        noteGlyphs(f.label);
        std::string message = messages_.sentence(errors_, key, f.label.c_str());
        switch (f.kind) {
            case core::CustomFieldKind::Text:
            case core::CustomFieldKind::Number:
            case core::CustomFieldKind::Date: {
                const char* hint = f.kind == core::CustomFieldKind::Date ? "YYYY-MM-DD" : nullptr;
                FieldEvents events = formField(f.label.c_str(), id.c_str(), &value, message, isRequired(key), 1, hint);
                if (events.left) messages_.left(key);
                wantSave |= events.entered;
                break;
            }
            case core::CustomFieldKind::Choice: {
                ImGui::TextUnformatted(f.label.c_str());
                ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y * 0.5f);
                ImGui::SetNextItemWidth(-FLT_MIN);
                std::string comboId = "###custom-" + f.id;
                if (beginCombo(comboId.c_str(), value.empty() ? tr("Not set") : value.c_str())) {
                    if (ImGui::Selectable((std::string(tr("Not set")) + "###custom-" + f.id + "-none").c_str(), value.empty())) {
                        value.clear();
                        messages_.left(key);
                    }
                    for (size_t i = 0; i < f.choices.size(); i++) {
                        noteGlyphs(f.choices[i]);
                        std::string item = f.choices[i] + "###custom-" + f.id + "-" + std::to_string(i);
                        if (ImGui::Selectable(item.c_str(), value == f.choices[i])) {
                            value = f.choices[i];
                            messages_.left(key);
                        }
                    }
                    ImGui::EndCombo();
                }
                if (!message.empty()) errorText(message.c_str());
                ImGui::Spacing();
                break;
            }
            case core::CustomFieldKind::MultiChoice: {
                ImGui::TextUnformatted(f.label.c_str());
                std::vector<std::string> picked = core::splitList(value);  // stored one per line
                bool changed = false;
                for (size_t i = 0; i < f.choices.size(); i++) {
                    bool on = std::find(picked.begin(), picked.end(), f.choices[i]) != picked.end();
                    noteGlyphs(f.choices[i]);
                    std::string item = f.choices[i] + "###custom-" + f.id + "-" + std::to_string(i);
                    if (i > 0) ImGui::SameLine();
                    if (ImGui::Checkbox(item.c_str(), &on)) changed = true;
                    noteItemOutOfView(item);
                    if (changed && on && std::find(picked.begin(), picked.end(), f.choices[i]) == picked.end())
                        picked.push_back(f.choices[i]);
                    if (!on) picked.erase(std::remove(picked.begin(), picked.end(), f.choices[i]), picked.end());
                }
                if (changed) {
                    // in the definition's order, one per line: the stored form
                    std::string joined;
                    for (const std::string& choice : f.choices)
                        if (std::find(picked.begin(), picked.end(), choice) != picked.end())
                            joined += (joined.empty() ? "" : "\n") + choice;
                    value = joined;
                    messages_.left(key);
                }
                if (!message.empty()) errorText(message.c_str());
                ImGui::Spacing();
                break;
            }
        }
    }
}

//-----------------------------------------------------------------------------------------------------------------
// [SECTION] The whole form
//-----------------------------------------------------------------------------------------------------------------

CustomerForm::Action CustomerForm::draw(bool shortcuts) {
    if (mode_ == Mode::Closed) return Action::None;
    // Back from another screen (Settings may have changed the custom or required fields): read the rules again.
    if (ImGui::GetFrameCount() > lastDrawnFrame_ + 1) loadRules();
    lastDrawnFrame_ = ImGui::GetFrameCount();
    composeConsent();
    errors_ = currentErrors();
    updateDuplicates();
    Action action = Action::None;
    bool wantSave = false, openOther = false;

    screenTitle(mode_ == Mode::New ? tr("New customer") : (original_.name.empty() ? tr("Customer") : original_.name.c_str()));
    mutedText(mode_ == Mode::New ? tr("Fields marked * are required.") : tr("Changes are saved when you press Save."));
    if (!saveError_.empty()) errorText(saveError_.c_str());
    ImGui::Spacing();

    // Fields scroll; the buttons stay in view below them.
    const ImGuiStyle& style = ImGui::GetStyle();
    float footerHeight = ImGui::GetFrameHeight() + style.ItemSpacing.y * 2 + 1;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(2, 2));  // room for the focused field's border
    ImGui::BeginChild("##customer-fields", ImVec2(0, -footerHeight), ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    drawContact(wantSave);
    drawPhonesAndEmails(wantSave, openOther);
    drawAddress(wantSave);
    drawSourceAndOwner(wantSave);
    drawConsent();
    sectionTitle(tr("Notes"));
    textField("Notes", "notes", &draft_.notes, 4);
    drawCustomFields(wantSave);
    ImGui::EndChild();

    ImGui::Separator();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + style.ItemSpacing.y * 0.5f);
    if (primaryButton(label("Save", "customer-form-save"))) wantSave = true;
    ImGui::SameLine();
    if (ImGui::Button(label("Cancel", "customer-form-cancel"))) action = Action::Cancelled;
    if (mode_ == Mode::Edit) {
        const char* remove = label("Delete", "customer-form-delete");
        float width = ImGui::CalcTextSize(remove, nullptr, true).x + style.FramePadding.x * 2;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetContentRegionMax().x - width));
        if (dangerButton(remove)) action = Action::DeleteRequested;
    }

    if (shortcuts) {
        if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_S)) wantSave = true;
        if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) action = Action::Cancelled;
    }
    if (openOther && action == Action::None) return Action::OpenRequested;
    if (wantSave && action == Action::None && save()) action = Action::Saved;
    return action;
}

}  // namespace ui
