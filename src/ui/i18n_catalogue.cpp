// The zh-CN catalogue: one line per UI string, English key first. Keep the printf conversions (%s, %d, …) of the
// English text in the same order. tests/ui/i18n_catalogue_test.cpp fails when a tr()/label() string in src/ has
// no entry here, so a new screen cannot forget one; scripts/build-fonts.py puts every character here into the font.
// Sections follow the screens; messages that come from core (validation) are looked up by their English text.
#include "ui/i18n_catalogue.h"

namespace ui {

static const CatalogueEntry kChinese[] = {
    // ---- frame: navigation rail, update banner, page errors ----
    {"FieldCRM", "FieldCRM"},
    {"Customers", "客户"},
    {"Companies", "公司"},
    {"Tasks", "任务"},
    {"Sync", "同步"},
    {"Reports", "报表"},
    {"Settings", "设置"},
    {"A new version of FieldCRM is ready.", "FieldCRM 新版本已就绪。"},
    {"Reload", "重新加载"},
    {"Your data stays as it is.", "您的数据保持不变。"},
    {"FieldCRM stopped", "FieldCRM 已停止"},
    {"%s\nEverything saved before this is safe. Reload the page to continue.",
     "%s\n此前保存的所有内容都是安全的。请重新加载页面以继续。"},
    {"WebGL 2 is not available", "WebGL 2 不可用"},
    {"FieldCRM draws its window with WebGL 2, which this browser did not provide. "
     "Update the browser or turn on hardware acceleration, then reload.",
     "FieldCRM 使用 WebGL 2 绘制窗口，但此浏览器未提供。请更新浏览器或开启硬件加速，然后重新加载。"},
    {"Your customer data could not be opened", "无法打开您的客户数据"},
    {"%s\nNothing was changed. Reload the page to try again.", "%s\n没有任何更改。请重新加载页面再试一次。"},

    // ---- status bar ----
    {"Saved", "已保存"},
    {"Saving...", "正在保存…"},
    {"Not saved - %s. Your data is safe in this tab's memory; FieldCRM keeps retrying.",
     "未保存 - %s。您的数据安全地保存在此标签页的内存中；FieldCRM 会继续重试。"},
    {"Download backup", "下载备份"},
    // why a save failed, as shell/page_store.js reports it
    {"the browser storage is full (quota exceeded)", "浏览器存储空间已满（超出配额）"},
    {"unknown storage error", "未知的存储错误"},
    {"%s customer", "%s 位客户"},
    {"%s customers", "%s 位客户"},
    {"Database %s", "数据库 %s"},
    {"Online", "在线"},
    {"Offline", "离线"},
    {"FieldCRM %s", "FieldCRM %s"},

    // ---- customers screen ----
    {"Add customer", "添加客户"},
    {"No customers yet", "还没有客户"},
    {"Add your first customer to start your list.", "添加第一位客户，开始建立您的客户列表。"},
    {"This customer no longer exists.", "此客户已不存在。"},
    {"Could not delete: %s", "无法删除：%s"},
    {"Deleted \"%s\"", "已删除“%s”"},
    {"Could not undo the delete: %s", "无法撤销删除：%s"},
    {"Name", "姓名"},
    {"Company", "公司"},
    {"Phone", "电话"},
    {"Email", "电子邮件"},
    {"City", "城市"},
    {"Tags", "标签"},
    {"Notes", "备注"},
    {"Updated", "更新时间"},
    {"Unsaved changes", "未保存的更改"},
    {"Your changes to the new customer are not saved yet.", "您对新客户的更改尚未保存。"},
    {"Your changes to \"%s\" are not saved yet.", "您对“%s”的更改尚未保存。"},
    {"Save", "保存"},
    {"Discard", "放弃"},
    {"Keep editing", "继续编辑"},
    {"Undo", "撤销"},

    // ---- customer form ----
    {"New customer", "新客户"},
    {"Customer", "客户"},
    {"Fields marked * are required.", "标有 * 的字段为必填项。"},
    {"Changes are saved when you press Save.", "按“保存”后更改才会保存。"},
    {"Cancel", "取消"},
    {"Delete", "删除"},
    {"+49 30 1234567", "138 0013 8000"},
    {"name@example.com", "name@example.com"},
    {"vip, trade fair", "重要客户, 展会"},
    {"%s %s.", "%s：%s。"},
    {"The customer was saved but could not be read back.", "客户已保存，但无法读回。"},
    {"Could not save: %s. Your changes are still in the form.", "无法保存：%s。您的更改仍保留在表单中。"},
    {"is too long", "太长"},

    // ---- validation messages from core (core/validation.cpp), looked up by their English text ----
    {"is required", "为必填项"},
    {"is not an email address (name@example.com)", "不是有效的电子邮件地址（name@example.com）"},
    {"is not a phone number", "不是电话号码"},
    {"the extension must be 1 to 6 digits", "分机号须为 1 至 6 位数字"},
    {"a mainland mobile number has 11 digits and starts with 13 to 19", "大陆手机号码为 11 位，以 13 至 19 开头"},
    {"a landline number needs its area code and 7 or 8 digits (010-12345678, 0755-1234567)",
     "固定电话需要区号和 7 或 8 位号码（010-12345678、0755-1234567）"},
    {"add the area code (010-12345678)", "请加上区号（010-12345678）"},
    {"a number outside mainland China starts with + and the country code (+852 9123 4567)",
     "中国大陆以外的号码以 + 和国家/地区代码开头（+852 9123 4567）"},
    {"an international number has the country code and 7 to 15 digits in all after the +",
     "国际号码在 + 之后共有 7 至 15 位数字（含国家/地区代码）"},
    {"is not a known source channel", "不是已知的来源渠道"},
    {"needs yes or no and the date (YYYY-MM-DD)", "需要填写“是”或“否”以及日期（YYYY-MM-DD）"},

    // ---- settings screen ----
    {"Appearance", "外观"},
    {"Light", "浅色"},
    {"Dark", "深色"},
    {"Language", "语言"},
    {"This device", "本设备"},
    {"Device name", "设备名称"},
    {"e.g. Laptop Berlin", "例如：上海办公室笔记本"},
    {"Device name saved.", "设备名称已保存。"},
    {"Could not save the device name: %s", "无法保存设备名称：%s"},
    {"Device id", "设备 ID"},
    {"Storage", "存储"},
    {"Where", "位置"},
    {"In this browser (IndexedDB), on this device only", "保存在此浏览器中（IndexedDB），仅限本设备"},
    {"Persistent storage", "持久存储"},
    {"asking the browser...", "正在询问浏览器…"},
    {"granted - the browser keeps the data under storage pressure", "已授予 - 存储空间紧张时浏览器也会保留数据"},
    {"not granted - the browser may evict data under storage pressure; download backups",
     "未授予 - 存储空间紧张时浏览器可能清除数据；请下载备份"},
    {"Used / available", "已用 / 可用"},
    {"%s of %s for this site", "已用 %s，本站点共 %s"},
    {"unknown", "未知"},
    {"Database size", "数据库大小"},
    {"Schema version", "数据结构版本"},
    {"The whole database as one SQLite file.", "整个数据库，保存为一个 SQLite 文件。"},
    {"The backup could not be made: %s", "无法创建备份：%s"},
    {"About", "关于"},
    {"Dear ImGui", "Dear ImGui"},
    {"Offline use", "离线使用"},
    {"ready - FieldCRM starts and works without a network", "已就绪 - 无网络时 FieldCRM 也能启动和使用"},
    {"not ready yet - open FieldCRM once more while online", "尚未就绪 - 请在联网时再打开一次 FieldCRM"},
    {"not available in this browser", "此浏览器不支持"},
};

const CatalogueEntry* chineseCatalogue(size_t* count) {
    *count = sizeof kChinese / sizeof kChinese[0];
    return kChinese;
}

}  // namespace ui
