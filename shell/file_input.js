// FieldCRMFiles: how the module opens files in the browser. One hidden <input type=file> serves every picker
// (its accept list set per request), and files dragged onto the window are taken instead of letting the browser
// navigate to them. Each file is read whole, or — for a picker asked to and for drops named in `sliced` — kept
// here under a number and read later a slice at a time (slice(): File.slice().arrayBuffer()), and handed, with the
// name of whoever asked for it ("dropped" for a drop), to the module's deliver function
// (src/platform/files_browser.cpp); files that arrive before the module connects wait for it. It never looks
// inside a file.
'use strict';

(function () {
  const DROPPED = 'dropped';
  let input = null;
  let requester = '';
  let pickSliced = false;
  let dragDepth = 0;
  let nextHandle = 1;
  const kept = new Map();  // handle -> File, for files read in slices, until release()
  const waiting = [];  // [requester, name, bytes, error, handle, size] delivered before the module connected

  const files = {
    deliver: null,
    draggedOver: false,
    sliced: [],  // endings (".csv") of dropped files that are read in slices

    connect(deliver) {
      files.deliver = deliver;
      for (const args of waiting.splice(0)) deliver(...args);
    },

    pick(forWhom, accept, sliced) {
      if (!input) {
        input = document.createElement('input');
        input.type = 'file';
        input.id = 'fieldcrm-file-input';
        input.hidden = true;
        input.addEventListener('change', () => {
          for (const file of input.files) (pickSliced ? keep : read)(requester, file);
          input.value = '';  // choosing the same file again is a new choice
        });
        document.body.appendChild(input);
      }
      requester = forWhom;
      pickSliced = !!sliced;
      input.accept = accept;
      input.click();
    },

    // Reads [offset, offset + length) of a kept file; done(bytes, error) is called once, later.
    slice(handle, offset, length, done) {
      const file = kept.get(handle);
      if (!file) return done(null, 'the file is no longer open');
      file.slice(offset, offset + length).arrayBuffer().then(
        (buffer) => done(new Uint8Array(buffer), ''),
        (e) => done(null, (e && e.message) || String(e)));
    },

    release(handle) { kept.delete(handle); },
  };

  function hand(args) {
    if (files.deliver) files.deliver(...args);
    else waiting.push(args);
  }

  async function read(forWhom, file) {
    let bytes = null;
    let error = '';
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      error = (e && e.message) || String(e);
    }
    hand([forWhom, file.name, bytes, error, 0, 0]);
  }

  function keep(forWhom, file) {
    const handle = nextHandle++;
    kept.set(handle, file);
    hand([forWhom, file.name, null, '', handle, file.size]);
  }

  function readsInSlices(name) {
    const lower = name.toLowerCase();
    return files.sliced.some((ending) => lower.endsWith(ending));
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
    for (const file of e.dataTransfer.files) (readsInSlices(file.name) ? keep : read)(DROPPED, file);
  });

  globalThis.FieldCRMFiles = files;
})();
