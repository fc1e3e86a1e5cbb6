// The shell's own texts (loading screen, error pages, the "open in another tab" notice) in English and Simplified
// Chinese, in the language the app will use: the saved choice (localStorage fieldcrm.language), else the browser's.
// FieldCRMTexts.tr(english, ...values) fills each %s in turn; index.html's elements marked data-tr are
// translated here when the page loads. tests/e2e/shell.test.mjs checks that every shell text has a Chinese entry.
'use strict';

const FieldCRMTexts = (() => {
  const chinese = {
    'FieldCRM could not start': 'FieldCRM 无法启动',
    'Customers saved earlier stay stored in this browser.': '此前保存的客户仍保存在此浏览器中。',
    'Reload': '重新加载',
    'FieldCRM is open in another tab or window.': 'FieldCRM 已在另一个标签页或窗口中打开。',
    'Only one tab at a time can change your data.': '同一时间只能有一个标签页修改您的数据。',
    'Use it here': '在这里使用',
    'Starting\u2026': '正在启动\u2026',
    'FieldCRM is now open in another tab.': 'FieldCRM 现在已在另一个标签页中打开。',
    'Everything you saved here is stored. Changes go on in the other tab.': '您在这里保存的内容都已存储。请在另一个标签页中继续修改。',
    'Downloading %s failed (HTTP %s).': '下载 %s 失败（HTTP %s）。',
    'Downloading FieldCRM\u2026 %s%': '正在下载 FieldCRM\u2026 %s%',
    'Loading %s failed. Check the connection and reload.': '加载 %s 失败。请检查网络连接后重新加载。',
    'Checking your browser\u2026': '正在检查您的浏览器\u2026',
    'WebGL 2 is not available': 'WebGL 2 不可用',
    'FieldCRM draws its window with WebGL 2, which this browser did not provide.\nUpdate the browser or turn on hardware acceleration in its settings, then reload.':
      'FieldCRM 使用 WebGL 2 绘制窗口，但此浏览器未提供。\n请更新浏览器，或在浏览器设置中开启硬件加速，然后重新加载。',
    'Only one tab at a time can change your data. Use it here, and the other tab stops.':
      '同一时间只能有一个标签页修改您的数据。在这里使用后，另一个标签页将停止。',
    'Taking over from the other tab\u2026': '正在从另一个标签页接管\u2026',
    'Opening your data\u2026': '正在打开您的数据\u2026',
    'Opening your data\u2026 %s%': '正在打开您的数据\u2026 %s%',
    'Your customer data could not be opened': '无法打开您的客户数据',
    '%s.\nNothing was changed. Reload the page to try again.': '%s。\n没有任何更改。请重新加载页面再试一次。',
    'Your data cannot be stored in this browser': '此浏览器无法存储您的数据',
    '%s.\nFieldCRM keeps customers in this browser\'s storage (IndexedDB). Private windows and some privacy settings turn it off: open FieldCRM in a normal window.':
      '%s。\nFieldCRM 将客户保存在此浏览器的存储（IndexedDB）中。无痕窗口和某些隐私设置会关闭它：请在普通窗口中打开 FieldCRM。',
    'Ready': '就绪',
    // shell/page_store.js's reasons, shown inside the texts above
    'IndexedDB is not available in this browser (private mode or storage disabled)': '此浏览器无法使用 IndexedDB（无痕模式或存储已被禁用）',
    'FieldCRM stopped': 'FieldCRM 已停止',
    '%s\nEverything saved before this is safe. Reload to continue.': '%s\n此前保存的所有内容都是安全的。请重新加载以继续。',
  };

  function pickLanguage() {
    let saved = null;
    try { saved = window.localStorage.getItem('fieldcrm.language'); } catch (e) { /* storage disabled */ }
    return /^zh([-_]|$)/i.test(saved || navigator.language || '') ? 'zh-CN' : 'en';
  }
  const language = pickLanguage();

  function tr(english, ...values) {
    let text = (language === 'zh-CN' && chinese[english]) || english;
    for (const value of values) text = text.replace('%s', () => String(value));
    return text;
  }

  document.documentElement.lang = language;
  for (const element of document.querySelectorAll('[data-tr]')) element.textContent = tr(element.textContent.trim());

  return { tr, language, chinese };
})();
