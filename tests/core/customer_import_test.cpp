// Unit tests of customer import and export: mapping suggestions, dry run with per-row errors, duplicate policies,
// all-or-nothing commits, CSV / vCard / JSON round trips, and nasty files that must give a clear error and import
// nothing.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/customer_export.h"
#include "core/customer_import.h"
#include "sync_devices.h"

using core::CustomerImport;
using core::DuplicatePolicy;
using synctest::Device;

namespace {

std::unique_ptr<CustomerImport> open(Device& d, const std::string& bytes, const std::string& name = "customers.csv") {
    return std::make_unique<CustomerImport>(d.crm, std::make_unique<core::MemoryByteSource>(bytes), name, "u");
}

void dryRun(CustomerImport& import) {
    import.startDryRun();
    int steps = 0;
    while (import.step(1000)) steps++;
    CHECK(steps < 100000);
}

void commit(CustomerImport& import) {
    REQUIRE(import.canCommit());
    import.startCommit();
    while (import.step(1000)) {}
    CHECK(import.phase() == CustomerImport::Phase::Done);
}

// A file that cannot be imported: a clear message (for the whole file, or for the rows it spoils), no commit,
// and nothing in the database.
void checkRefused(Device& d, const std::string& bytes, const std::string& name, const std::string& expected) {
    CAPTURE(name);
    auto import = open(d, bytes, name);
    if (import->phase() != CustomerImport::Phase::Failed) {
        dryRun(*import);
        CHECK_FALSE(import->canCommit());
        import->startCommit();
    }
    std::string said = import->fileError();
    for (const auto& e : import->errors()) said += "\n" + e.reason;
    CHECK_MESSAGE(!said.empty(), "no reason given");
    CHECK_MESSAGE(said.find(expected) != std::string::npos, said);
    CHECK(d.crm.customers().count() == 0);
    CHECK(d.rows("change_log") == 0);
}

std::string gbk(const std::string& utf8) {
    // The few characters the tests need, in GBK.
    std::string out = utf8;
    const std::pair<const char*, const char*> map[] = {{"姓名", "\xD0\xD5\xC3\xFB"}, {"手机", "\xCA\xD6\xBB\xFA"},
                                                       {"公司", "\xB9\xAB\xCB\xBE"}, {"张三", "\xD5\xC5\xC8\xFD"}};
    for (auto [from, to] : map)
        for (size_t at; (at = out.find(from)) != std::string::npos;) out.replace(at, std::string(from).size(), to);
    return out;
}

}  // namespace

TEST_CASE("a GBK CSV from Chinese Excel: headers mapped, dry run counts, commit writes all rows") {
    Device d;
    auto import = open(d, gbk("姓名,手机,公司\r\n张三,138 0013 8000,Acme\r\n李四,13912345678,Acme\r\n"));
    REQUIRE(import->phase() == CustomerImport::Phase::Mapping);
    CHECK(import->encodingName() == "GB18030");
    CHECK(import->mapping == std::vector<std::string>{"name", "phone", "company"});
    REQUIRE(import->preview().size() == 2);
    CHECK(import->preview()[0][0] == "张三");
    dryRun(*import);
    CHECK(import->phase() == CustomerImport::Phase::Reviewed);
    CHECK(import->counts().created == 2);
    CHECK(import->counts().companies == 1);
    CHECK(d.crm.customers().count() == 0);  // a dry run writes nothing
    commit(*import);
    CHECK(d.crm.customers().count() == 2);
    CHECK(d.crm.companies().count() == 1);
    core::CustomerFilter f;
    f.search = "张三";
    auto ids = d.crm.customers().ids({f, {}});
    REQUIRE(ids.size() == 1);
    auto zhang = *d.crm.customers().get(ids[0]);
    CHECK(zhang.phone == "13800138000");
    CHECK(zhang.companyId == d.crm.companies().findByName("acme")->id);
}

TEST_CASE("per-row errors: row, field and reason; nothing is committed unless the bad rows are skipped") {
    Device d;
    std::string csv =
        "Name,Email,Phone,Source,Tags\n"
        "Good One,good@x.cn,13800138000,展会,vip;new\n"
        ",nobody@x.cn,,,\n"
        "Bad Mail,not-an-email,,,\n"
        "Bad Phone,,12345,carrier pigeon,\n";
    auto import = open(d, csv);
    dryRun(*import);
    CHECK(import->counts().rows == 4);
    CHECK(import->counts().created == 1);
    CHECK(import->counts().failed == 3);
    CHECK_FALSE(import->canCommit());
    const auto& errors = import->errors();
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].row == 3);
    CHECK(errors[0].field == "name");
    CHECK(errors[1].row == 4);
    CHECK(errors[1].field == "email");
    CHECK(errors[2].field == "source");
    CHECK(errors[3].field == "phone");
    std::string report = import->errorsCsv();
    CHECK(report.rfind("\xEF\xBB\xBFrow,field,reason\r\n3,name,", 0) == 0);
    import->startCommit();  // refused: errors
    CHECK(import->phase() == CustomerImport::Phase::Reviewed);
    CHECK(d.crm.customers().count() == 0);
    import->skipRowsWithErrors = true;
    commit(*import);
    CHECK(d.crm.customers().count() == 1);
    auto good = d.crm.customers().all()[0];
    CHECK(good.source == "event");
    CHECK(good.tags == "new, vip");
}

TEST_CASE("duplicates by phone or email: skip, update or create; repeats inside the file too") {
    std::string csv = "Name,Phone,Email,City\n"
                      "Zhang San,+86 138 0013 8000,,Beijing\n"  // same phone as the stored one
                      "Li Si,,LI@X.CN,Shanghai\n"               // same email
                      "Wang Wu,13700000000,,Xi'an\n"
                      "Wang Wu again,137-0000-0000,,\n";        // same as the row before
    for (DuplicatePolicy policy : {DuplicatePolicy::Skip, DuplicatePolicy::Update, DuplicatePolicy::Create}) {
        Device d;
        d.crm.customers().add({.name = "张三", .phone = "13800138000", .city = "北京"}, "u");
        d.crm.customers().add({.name = "李四", .email = "li@x.cn"}, "u");
        auto import = open(d, csv);
        import->duplicates = policy;
        dryRun(*import);
        commit(*import);
        const auto& n = import->counts();
        if (policy == DuplicatePolicy::Skip) {
            CHECK(n.created == 1);
            CHECK(n.duplicates == 3);
            CHECK(d.crm.customers().count() == 3);
        } else if (policy == DuplicatePolicy::Update) {
            CHECK(n.created == 1);
            CHECK(n.updated == 2);
            CHECK(n.duplicates == 1);
            CHECK(d.crm.customers().count() == 3);
            auto found = d.crm.customers().findDuplicates("13800138000", "");
            REQUIRE(found.size() == 1);
            CHECK(found[0].name == "Zhang San");
            CHECK(found[0].city == "Beijing");
        } else {
            CHECK(n.created == 4);
            CHECK(d.crm.customers().count() == 6);
        }
    }
}

TEST_CASE("vCard 3.0 from a phone: many cards, several numbers, categories") {
    Device d;
    std::string vcf =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王小明\r\nN:王;小明;;;\r\nORG:小米科技\r\nTEL;TYPE=CELL:139 1234 5678\r\n"
        "TEL;TYPE=WORK:010-65529988\r\nEMAIL:xm@mi.com\r\nCATEGORIES:同事,VIP\r\n"
        "ADR;TYPE=WORK:;;清河中街68号;北京;北京市;100085;中国\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nTEL:+1 202 555 0143\r\nNOTE:line one\\nline two\r\nEND:VCARD\r\n";
    auto import = open(d, vcf, "contacts.vcf");
    CHECK(import->format() == core::ImportFormat::Vcard);
    CHECK(import->mappingProblem() == "");
    dryRun(*import);
    commit(*import);
    CHECK(import->counts().created == 2);
    core::CustomerFilter f;
    f.search = "小明";
    auto wang = d.crm.customers().getMany(d.crm.customers().ids({f, {}})).at(0);
    CHECK(wang.phone == "13912345678");
    CHECK(wang.otherPhones == "01065529988");
    CHECK(wang.company == "小米科技");
    CHECK(wang.city == "北京");
    CHECK(wang.address == "清河中街68号");
    CHECK(wang.tags == "VIP, 同事");
    f.search = "jane";
    auto jane = d.crm.customers().getMany(d.crm.customers().ids({f, {}})).at(0);
    CHECK(jane.notes == "line one\nline two");
}

TEST_CASE("export then import: CSV, vCard and JSON carry the customers (JSON and CSV with custom fields)") {
    Device a;
    std::string level =
        a.crm.customFields().add({.label = "等级", .kind = core::CustomFieldKind::Choice, .choices = {"A", "B"}}, "u");
    std::string langs = a.crm.customFields().add(
        {.label = "Languages", .kind = core::CustomFieldKind::MultiChoice, .choices = {"zh", "en"}}, "u");
    core::Customer c{.name = "张三, \"老张\"", .company = "华为", .phone = "010-65529988", .email = "z@hw.cn",
                     .city = "深圳", .tags = "vip, 老客户", .notes = "多行\n备注"};
    c.otherPhones = "13800138000";
    c.source = "referral";
    c.consent = {{"email", "yes:2026-01-05"}};
    c.custom = {{level, "B"}, {langs, "zh, en"}};
    a.crm.customers().add(c, "u");
    a.crm.customers().add({.name = "=cmd|' /C calc'!A0", .phone = "+44 20 7946 0958"}, "u");

    std::string csv = core::exportCustomers(a.crm, {}, core::ExportFormat::Csv);
    CHECK(csv.rfind("\xEF\xBB\xBFName,Company,", 0) == 0);
    CHECK(csv.find("\r\n") != std::string::npos);
    CHECK(csv.find("\"张三, \"\"老张\"\"\"") != std::string::npos);
    CHECK(csv.find("010 6552 9988") != std::string::npos);  // phones as text Excel keeps (leading zero)

    for (core::ExportFormat format : {core::ExportFormat::Csv, core::ExportFormat::Vcard, core::ExportFormat::Json}) {
        CAPTURE(core::exportFileExtension(format));
        Device b;
        b.crm.customFields().add({.label = "等级", .kind = core::CustomFieldKind::Choice, .choices = {"A", "B"}}, "u");
        b.crm.customFields().add(
            {.label = "Languages", .kind = core::CustomFieldKind::MultiChoice, .choices = {"zh", "en"}}, "u");
        std::string file = core::exportCustomers(a.crm, {}, format);
        auto import = open(b, file, std::string("export.") + core::exportFileExtension(format));
        CHECK(import->mappingProblem() == "");
        dryRun(*import);
        CHECK(import->errorCount() == 0);
        for (const auto& e : import->errors()) MESSAGE(e.row << " " << e.field << " " << e.reason);
        commit(*import);
        REQUIRE(b.crm.customers().count() == 2);
        core::CustomerFilter f;
        f.search = "老张";
        auto zhang = b.crm.customers().getMany(b.crm.customers().ids({f, {}})).at(0);
        CHECK(zhang.name == c.name);
        CHECK(zhang.phone == "01065529988");
        CHECK(zhang.otherPhones == "13800138000");
        CHECK(zhang.tags == "vip, 老客户");
        CHECK(zhang.notes == c.notes);
        CHECK(zhang.city == "深圳");
        if (format != core::ExportFormat::Vcard) {
            CHECK(zhang.source == "referral");
            CHECK(zhang.consent.at("email") == "yes:2026-01-05");
            auto fields = b.crm.customFields().list();
            CHECK(zhang.custom.at(fields[0].id) == "B");
            CHECK(zhang.custom.at(fields[1].id) == "zh\nen");
        }
    }
    // Only the filtered list.
    core::CustomerQuery q;
    q.filter.search = "老张";
    std::string json = core::exportCustomers(a.crm, q, core::ExportFormat::Json);
    CHECK(json.find("calc") == std::string::npos);
}

TEST_CASE("nasty files give a clear error and import nothing") {
    Device d;
    checkRefused(d, "", "empty.csv", "empty");
    checkRefused(d, std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "photo.csv", "");
    checkRefused(d, std::string(5000, '\0'), "zeros.csv", "");
    checkRefused(d, "Name,Notes\nA,\"never closed\nB,x\n", "cut.csv", "quote");
    // A UTF-8 file with GBK bytes in the middle (two files pasted together).
    checkRefused(d, "Name,City\n张三,北京\n" + std::string("\xD5\xC5\xC8\xFD,x\n") + "李四,上海\n", "mixed.csv", "");
    std::string wide = "Name";
    for (int i = 0; i < 20000; i++) wide += ",c" + std::to_string(i);
    checkRefused(d, wide + "\nA\n", "wide.csv", "column");
    checkRefused(d, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\nTEL:1380013", "cut.vcf", "END:VCARD");
    checkRefused(d, "{\"format\":\"fieldcrm-customers\",\"version\":1,\"customers\":[\n{\"name\":\"A\"},\n{\"na",
                 "cut.json", "");
    checkRefused(d, "{\"hello\": 1}", "other.json", "not a FieldCRM");
    checkRefused(d, "Name,Phone\n", "header-only.csv", "no customer rows");

    // 10,000 columns are read (Excel allows 16,384), but need a name column to be mapped.
    std::string tenK = "Phone";
    for (int i = 1; i < 10000; i++) tenK += ",c" + std::to_string(i);
    auto import = open(d, tenK + "\n13800138000\n");
    CHECK(import->columns().size() == 10000);
    CHECK(import->mappingProblem().find("name") != std::string::npos);
    import->startDryRun();
    CHECK(import->phase() == CustomerImport::Phase::Mapping);

    // Quoted line breaks and a BOM are no problem.
    auto ok = open(d, "\xEF\xBB\xBFName;Notes\r\n\"Zhao\";\"first line\r\nsecond; line\"\r\n", "semi.csv");
    CHECK(ok->delimiter() == ';');
    dryRun(*ok);
    commit(*ok);
    CHECK(d.crm.customers().all().at(0).notes == "first line\r\nsecond; line");
}

TEST_CASE("a commit is all or nothing: a file that changes under it writes nothing") {
    // Reads as a good file on the dry run and as a broken one on the second pass.
    struct Shifting : core::ByteSource {
        std::string good = "Name\nA\nB\n", bad = "Name\nA\n\"B\n";
        bool broken = false;
        size_t pos = 0;
        const std::string& text() const { return broken ? bad : good; }
        size_t read(char* out, size_t n) override {
            size_t k = std::min(n, text().size() - pos);
            std::copy_n(text().data() + pos, k, out);
            pos += k;
            return k;
        }
        void rewind() override { pos = 0; }
        int64_t size() const override { return int64_t(text().size()); }
    };
    Device d;
    auto source = std::make_unique<Shifting>();
    Shifting* file = source.get();
    CustomerImport import(d.crm, std::move(source), "x.csv", "u");
    dryRun(import);
    REQUIRE(import.canCommit());
    file->broken = true;
    import.startCommit();
    while (import.step(1000)) {}
    CHECK(import.phase() == CustomerImport::Phase::Failed);
    CHECK(d.crm.customers().count() == 0);
    CHECK(d.rows("change_log") == 0);
    // The database is usable afterwards.
    CHECK_NOTHROW(d.crm.customers().add({.name = "After"}, "u"));
}

TEST_CASE("a long import works in steps of the given budget and reports progress") {
    Device d;
    std::string csv = "Name,Phone\n";
    for (int i = 0; i < 3000; i++) csv += "Customer " + std::to_string(i) + ",139" + std::to_string(10000000 + i) + "\n";
    auto import = open(d, csv);
    import->startDryRun();
    int steps = 0;
    while (import->step(0)) {
        steps++;
        CHECK(import->progress() <= 1.0);
    }
    CHECK(steps > 10);
    CHECK(import->counts().created == 3000);
    commit(*import);
    CHECK(d.crm.customers().count() == 3000);
    // One commit: everything has the same few HLC ticks' worth of changes, all in the log.
    CHECK(d.rows("change_log") == 6000);
}

TEST_CASE("an export made a step at a time is the same file as in one call, and counts as it goes") {
    Device d;
    for (int i = 0; i < 2500; i++)
        d.crm.customers().add({.name = "客户 " + std::to_string(i), .city = i % 2 ? "上海" : "北京"}, "u");
    for (core::ExportFormat format : {core::ExportFormat::Csv, core::ExportFormat::Vcard, core::ExportFormat::Json}) {
        core::CustomerExport file(d.crm, {}, format);
        CHECK(file.total() == 2500);
        int steps = 0;
        while (file.step(0)) {  // a page per step
            steps++;
            CHECK(file.written() == std::min(steps * 1000, 2500));
        }
        CHECK(steps == 3);  // the last page is found empty in the step after it
        CHECK(file.written() == 2500);
        CHECK(file.take() == core::exportCustomers(d.crm, {}, format));
    }
}
