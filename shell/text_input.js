// The bridge between the browser's text input and the app: the hidden <input> (focused by the app while one of its
// text fields is edited, and kept at the text caret so an IME's candidate window opens there) forwards typed text
// and IME results, shows the composition while an IME composes, and carries the system clipboard: paste goes in
// with its line breaks, copy and cut take the selection of the app's text field. It never stores any text.
'use strict';

const FieldCRMTextInput = (() => {
  const input = document.getElementById('fieldcrm-text-input');
  let module = null;
  let composing = false;

  function send(fn, text) {
    if (text && module) module.ccall(fn, null, ['string'], [text]);
  }

  // ---- typing and IME composition ------------------------------------------------------------------------------
  input.addEventListener('compositionstart', () => {
    composing = true;
    input.classList.add('composing');
  });
  input.addEventListener('compositionend', (e) => {
    composing = false;
    input.classList.remove('composing');
    send('fieldcrm_input_text', e.data);
    input.value = '';
  });
  input.addEventListener('input', (e) => {
    if (composing || e.isComposing) {  // the composition shows in the input itself, at the caret
      input.size = Math.max(4, input.value.length + 1);
      return;
    }
    send('fieldcrm_input_text', input.value);
    input.value = '';
  });

  // ---- clipboard (Ctrl/Cmd+V, C, X: the app lets the browser handle those keys) ---------------------------------
  input.addEventListener('paste', (e) => {
    e.preventDefault();  // an <input> would drop the line breaks a multi-line field keeps
    send('fieldcrm_paste_text', e.clipboardData ? e.clipboardData.getData('text/plain') : '');
  });
  function copySelection(e) {
    if (!module || document.activeElement !== input) return;
    const text = module.ccall('fieldcrm_selected_text', 'string', [], []);
    if (!text) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();  // for cut, the app removes the selection itself when it sees Ctrl+X
  }
  document.addEventListener('copy', copySelection);
  document.addEventListener('cut', copySelection);

  return {
    connect(m) { module = m; },
  };
})();
