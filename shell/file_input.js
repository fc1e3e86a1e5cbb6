// FieldCRMFiles: how the module opens files in the browser. One hidden <input type=file> serves every picker
// (its accept list set per request), and files dragged onto the window are taken instead of letting the browser
// navigate to them. Each file is read whole and handed, with the name of whoever asked for it ("dropped" for a
// drop), to the module's deliver function (src/platform/files_browser.cpp); files that arrive before the module
// connects wait for it. It never looks inside a file.
'use strict';

(function () {
  const DROPPED = 'dropped';
  let input = null;
  let requester = '';
  let dragDepth = 0;
  const waiting = [];  // [requester, name, bytes, error] delivered before the module connected

  const files = {
    deliver: null,
    draggedOver: false,

    connect(deliver) {
      files.deliver = deliver;
      for (const args of waiting.splice(0)) deliver(...args);
    },

    pick(forWhom, accept) {
      if (!input) {
        input = document.createElement('input');
        input.type = 'file';
        input.id = 'fieldcrm-file-input';
        input.hidden = true;
        input.addEventListener('change', () => {
          for (const file of input.files) read(requester, file);
          input.value = '';  // choosing the same file again is a new choice
        });
        document.body.appendChild(input);
      }
      requester = forWhom;
      input.accept = accept;
      input.click();
    },
  };

  async function read(forWhom, file) {
    let bytes = null;
    let error = '';
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      error = (e && e.message) || String(e);
    }
    const args = [forWhom, file.name, bytes, error];
    if (files.deliver) files.deliver(...args);
    else waiting.push(args);
  }

  function carriesFiles(e) {
    return !!e.dataTransfer && Array.prototype.includes.call(e.dataTransfer.types, 'Files');
  }

  window.addEventListener('dragenter', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    dragDepth++;
    files.draggedOver = true;
  });
  window.addEventListener('dragover', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    files.draggedOver = true;
  });
  window.addEventListener('dragleave', (e) => {
    if (!carriesFiles(e)) return;
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) files.draggedOver = false;
  });
  window.addEventListener('drop', (e) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    dragDepth = 0;
    files.draggedOver = false;
    for (const file of e.dataTransfer.files) read(DROPPED, file);
  });

  globalThis.FieldCRMFiles = files;
})();
