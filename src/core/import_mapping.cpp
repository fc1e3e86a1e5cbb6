// Column-to-field suggestions. A header is folded (full-width to ASCII, case, bracketed remarks such as "(必填)"
// dropped) into its Chinese characters and its English words; each field's phrases are matched against those and
// scored; then fields are handed out best score first. Phrase lists only: no file parsing, no database.
//
// Index: phrases · a header, folded · scoring · handing out
#include "core/import_mapping.h"

#include <algorithm>
#include <string_view>

#include "core/text_encoding.h"

namespace core {

// ---- phrases -------------------------------------------------------------------------------------------------------
// A phrase with Chinese characters matches anywhere in the header's Chinese; an English one matches whole words in
// a row ("e mail" matches "E-mail 1 - Value"). A leading '=' means only the whole header matches: short words that
// would otherwise match too much ("tel", "省", "客户").

struct FieldPhrases {
    const char* field;
    std::vector<std::string_view> phrases;
};

static const FieldPhrases kFields[] = {
    {"name", {"姓名", "名字", "客户名称", "客户姓名", "客户名", "联系人", "联系人姓名", "=客户", "=名称", "name",
              "full name", "display name", "contact name", "customer name", "client name", "=contact"}},
    {"phone", {"手机", "手机号", "手机号码", "电话", "电话号码", "联系电话", "联系方式", "移动电话", "座机", "固话",
               "办公电话", "phone", "mobile", "telephone", "=tel", "cell", "cellphone", "mobile phone", "phone number",
               "contact number"}},
    {"email", {"邮箱", "电子邮件", "电子邮箱", "邮件", "邮箱地址", "电子邮件地址", "email", "e mail", "=mail",
               "email address", "e mail address"}},
    {"company", {"公司", "公司名称", "单位", "单位名称", "企业", "企业名称", "工作单位", "所属公司", "机构", "组织",
                 "company", "company name", "organization", "organisation", "organization name", "account name",
                 "employer", "=org", "=account"}},
    {"country", {"国家", "国家地区", "国别", "country", "country region", "nation"}},
    {"province", {"省份", "所在省", "所在省份", "=省", "=州", "province", "state", "region", "state province"}},
    {"city", {"城市", "所在城市", "地市", "=市", "city", "town"}},
    {"district", {"区县", "县区", "所在区", "=区", "=县", "district", "county"}},
    {"address", {"地址", "详细地址", "联系地址", "通讯地址", "街道", "街道地址", "=省市区", "address", "street",
                 "street address"}},
    {"tags", {"标签", "客户标签", "分类", "客户分类", "类别", "分组", "群组", "tags", "tag", "category", "categories",
              "group", "groups", "group membership"}},
    {"notes", {"备注", "说明", "描述", "附注", "备忘", "notes", "note", "remark", "remarks", "comment", "comments",
               "description", "memo"}},
    {"source", {"来源", "客户来源", "来源渠道", "渠道", "获客渠道", "线索来源", "source", "lead source", "channel",
                "=origin"}},
    {"owner", {"负责人", "所属销售", "=销售", "销售代表", "销售员", "归属人", "业务员", "跟进人", "owner", "sales rep",
               "salesperson", "account owner", "contact owner", "assigned to"}},
};

// A header with any of these is about something else (a phone's type, a name's pinyin or part, a postal code, a
// date, an id): no field.
static const std::string_view kOtherWords[] = {
    "type", "label", "yomi", "phonetic", "pinyin", "given", "first", "last", "family", "middle", "nick", "nickname",
    "maiden", "suffix", "prefix", "opt", "consent", "fax", "extended", "box", "postal", "zip", "date", "time", "id"};
static const std::string_view kOtherChinese[] = {"拼音", "类型", "昵称", "姓氏", "职务", "职位", "传真", "邮编",
                                                 "邮政编码", "时间", "日期", "编号"};

// ---- a header, folded ----------------------------------------------------------------------------------------------

struct FoldedHeader {
    std::string chinese;             // its Han characters, in order, nothing between them
    std::vector<std::string> words;  // its English words, lower case; camelCase is split, digits dropped
};

// Drops bracketed remarks — "手机(必填)", "Phone [mobile]", "邮箱【选填】" — unless that leaves nothing.
static std::string withoutRemarks(const std::string& header) {
    std::string out;
    int depth = 0;
    for (size_t i = 0; i < header.size();) {
        size_t at = i;
        char32_t cp;
        if (!nextCodePoint(header, i, cp)) cp = static_cast<unsigned char>(header[i++]);
        if (cp == '(' || cp == '[' || cp == 0x3010) depth++;
        else if ((cp == ')' || cp == ']' || cp == 0x3011) && depth > 0) depth--;
        else if (depth == 0) out.append(header, at, i - at);
    }
    return out.find_first_not_of(" \t") == std::string::npos ? header : out;
}

static FoldedHeader fold(const std::string& header) {
    FoldedHeader folded;
    std::string text = withoutRemarks(foldFullWidth(header)), word;
    auto endWord = [&] {
        if (!word.empty()) folded.words.push_back(word);
        word.clear();
    };
    char32_t previous = 0;
    for (size_t i = 0; i < text.size();) {
        char32_t cp;
        size_t at = i;
        if (!nextCodePoint(text, i, cp)) cp = static_cast<unsigned char>(text[i++]);
        bool upperCase = cp >= 'A' && cp <= 'Z', lowerCase = cp >= 'a' && cp <= 'z';
        if (upperCase && previous >= 'a' && previous <= 'z') endWord();  // camelCase
        if (upperCase || lowerCase) word += char(upperCase ? cp + 32 : cp);
        else endWord();
        if (isHan(cp)) folded.chinese.append(text, at, i - at);
        previous = cp;
    }
    endWord();
    return folded;
}

// ---- scoring -------------------------------------------------------------------------------------------------------
// A match of the whole header scores 1000. Any other scores its length (a Han character counts 2, an English letter
// 1), +4 when it ends the header: compounds are head-final ("公司地址" is an address, "Address 1 - City" a city).

static bool isAboutSomethingElse(const FoldedHeader& header) {
    for (std::string_view word : kOtherWords)
        if (std::find(header.words.begin(), header.words.end(), word) != header.words.end()) return true;
    for (std::string_view chinese : kOtherChinese)
        if (header.chinese.find(chinese) != std::string::npos) return true;
    return false;
}

static int phraseScore(const FoldedHeader& header, std::string_view phrase) {
    bool wholeOnly = phrase[0] == '=';
    if (wholeOnly) phrase.remove_prefix(1);
    if (static_cast<unsigned char>(phrase[0]) >= 0x80) {  // Chinese
        size_t at = header.chinese.rfind(phrase);
        if (at == std::string::npos) return 0;
        bool whole = header.chinese == phrase && header.words.empty();
        if (wholeOnly && !whole) return 0;
        bool atEnd = at + phrase.size() == header.chinese.size();
        return whole ? 1000 : int(phrase.size() / 3 * 2) + (atEnd ? 4 : 0);
    }
    std::vector<std::string_view> words;
    for (size_t start = 0, space; start <= phrase.size(); start = space + 1) {
        space = std::min(phrase.find(' ', start), phrase.size());
        words.push_back(phrase.substr(start, space - start));
    }
    const std::vector<std::string>& have = header.words;
    for (size_t k = have.size() >= words.size() ? have.size() - words.size() + 1 : 0; k-- > 0;) {
        if (!std::equal(words.begin(), words.end(), have.begin() + k)) continue;
        bool whole = words.size() == have.size() && header.chinese.empty();
        if (wholeOnly && !whole) return 0;
        int letters = int(phrase.size() - (words.size() - 1));
        return whole ? 1000 : letters + (k + words.size() == have.size() ? 4 : 0);
    }
    return 0;
}

// ---- handing out ---------------------------------------------------------------------------------------------------
// Each column offers only the field it matches best (the earlier field on a tie): a column that is plainly a city
// is not made an address because another column is the city. Fields go out best score first, leftmost on a tie.

std::vector<std::string> suggestColumnFields(const std::vector<std::string>& headers) {
    struct Offer {
        int score = 0;
        size_t column = 0, field = 0;
    };
    std::vector<Offer> offers;
    for (size_t column = 0; column < headers.size(); column++) {
        FoldedHeader header = fold(headers[column]);
        if (isAboutSomethingElse(header)) continue;
        Offer best;
        for (size_t field = 0; field < std::size(kFields); field++)
            for (std::string_view phrase : kFields[field].phrases)
                if (int score = phraseScore(header, phrase); score > best.score) best = {score, column, field};
        if (best.score > 0) offers.push_back(best);
    }
    std::stable_sort(offers.begin(), offers.end(), [](const Offer& a, const Offer& b) { return a.score > b.score; });
    std::vector<std::string> suggestions(headers.size());
    std::vector<bool> taken(std::size(kFields));
    for (const Offer& offer : offers)
        if (!taken[offer.field]) {
            suggestions[offer.column] = kFields[offer.field].field;
            taken[offer.field] = true;
        }
    return suggestions;
}

}  // namespace core
