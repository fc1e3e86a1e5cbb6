// Starts FieldCRM in the page: checks WebGL2 and IndexedDB, becomes the one writer across tabs (shell/writer_lock.js),
// opens the page store (shell/page_store.js), downloads the wasm with progress, creates the module (fieldcrm.js),
// connects the text input bridge (shell/text_input.js) and the offline cache (shell/offline.js), and shows the
// loading screen, a readable error page or the "open in another tab" notice. Relative URLs only. It must not read or change customer data.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const tr = FieldCRMTexts.tr;  // shell/texts.js
  const canvas = $('canvas');
  let ready = false;
  let failed = false;
  let module = null;
  let store = null;
  let handedOver = false;  // another tab took the data over: this one no longer writes

  try {
    if (window.localStorage.getItem('fieldcrm.theme') === 'dark') document.documentElement.classList.add('dark');
  } catch (e) { /* storage disabled: light theme */ }

  // ---- loading screen and error page --------------------------------------------------------------------------
  function step(text, fraction) {
    $('loading-step').textContent = text;
    if (fraction !== undefined) $('loading-bar').style.width = Math.round(fraction * 100) + '%';
  }

  function showError(title, detail, dataSafe = true) {
    if (failed) return;
    failed = true;
    $('error-title').textContent = title;
    $('error-detail').textContent = detail;
    document.querySelector('#error .safe').hidden = !dataSafe;
    $('loading').hidden = true;
    canvas.hidden = true;
    $('error').hidden = false;
  }

  function messageOf(error) {
    if (error instanceof Error) return error.message;
    return String(error);
  }

  $('error-reload').addEventListener('click', () => location.reload());

  // ---- one writer across tabs ------------------------------------------------------------------------------------
  // Shows the notice and resolves when the user clicks "Use it here".
  function showElsewhere(title, detail) {
    $('elsewhere-title').textContent = title;
    $('elsewhere-detail').textContent = detail;
    $('elsewhere').hidden = false;
    $('elsewhere-use').focus();
    return new Promise((resolve) => {
      $('elsewhere-use').onclick = () => {
        $('elsewhere').hidden = true;
        resolve();
      };
    });
  }

  // Another tab asks for the data: store what is committed, stop writing and drawing, then say so.
  async function handOver() {
    if (handedOver) return;
    handedOver = true;
    if (store) await store.close();
    if (module) module.ccall('fieldcrm_stop', null, [], []);
    showElsewhere(tr('FieldCRM is now open in another tab.'),
      tr('Everything you saved here is stored. Changes go on in the other tab.')).then(() => location.reload());
  }

  // Until the app runs, an uncaught error means it could not start: say so instead of a blank page.
  window.addEventListener('error', (e) => {
    if (!ready) showError(tr('FieldCRM could not start'), messageOf(e.error || e.message));
  });
  window.addEventListener('unhandledrejection', (e) => {
    if (!ready) showError(tr('FieldCRM could not start'), messageOf(e.reason));
  });

  // ---- what the browser must offer ------------------------------------------------------------------------------
  function hasWebGL2() {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return false;
      const lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();
      return true;
    } catch (e) {
      return false;
    }
  }

  canvas.addEventListener('contextmenu', (e) => e.preventDefault());

  // ---- wasm download with progress ------------------------------------------------------------------------------
  async function downloadWasm(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(tr('Downloading %s failed (HTTP %s).', url, response.status));
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !total) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      const fraction = Math.min(received / total, 1);
      step(tr('Downloading FieldCRM\u2026 %s%', Math.round(fraction * 100)), 0.1 + 0.5 * fraction);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }

  // ---- start ------------------------------------------------------------------------------------------------------
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(tr('Loading %s failed. Check the connection and reload.', src)));
      document.body.appendChild(script);
    });
  }

  async function start() {
    step(tr('Checking your browser\u2026'), 0.02);
    if (!hasWebGL2()) {
      showError(tr('WebGL 2 is not available'),
        tr('FieldCRM draws its window with WebGL 2, which this browser did not provide.\n' +
        'Update the browser or turn on hardware acceleration in its settings, then reload.'));
      return;
    }
    const wasm = downloadWasm('fieldcrm.wasm');
    wasm.catch(() => {});  // reported below, where it is awaited

    await FieldCRMWriterLock.acquire('fieldcrm', {
      async askToTakeOver() {
        $('loading').hidden = true;
        await showElsewhere(tr('FieldCRM is open in another tab or window.'),
          tr('Only one tab at a time can change your data. Use it here, and the other tab stops.'));
        $('loading').hidden = false;
        step(tr('Taking over from the other tab\u2026'), 0.04);
      },
      onHandedOver: handOver,
    });

    step(tr('Opening your data\u2026'), 0.05);
    try {
      store = await FieldCRMPageStore.open('fieldcrm');
      if (handedOver) {  // another tab took over while this one was still opening: it must not write
        await store.close();
        return;
      }
    } catch (error) {
      showError(tr('Your data cannot be stored in this browser'),
        tr('%s.\nFieldCRM keeps customers in this browser\'s storage (IndexedDB). ' +
          'Private windows and some privacy settings turn it off: open FieldCRM in a normal window.', tr(messageOf(error))), false);
      return;
    }

    // Leaving while a save is still being written would lose it: ask first.
    window.addEventListener('beforeunload', (e) => {
      if (!store.closed && store.state !== 'saved') {
        e.preventDefault();
        e.returnValue = '';
      }
    });

    try {
      await loadScript('fieldcrm.js');
      const bytes = await wasm;
      step(tr('Starting\u2026'), 0.6);
      const config = {
        canvas,
        fieldcrmStore: store,
        fieldcrmOnReady() {
          ready = true;
          step(tr('Ready'), 1);
          $('loading').hidden = true;
          // navigation start → first usable frame, and the steps before it (read by scripts/bench-storage)
          window.fieldcrmReadyAt = performance.now();
          window.fieldcrmStartup.readyAt = window.fieldcrmReadyAt;
          window.fieldcrmReady = true;
          FieldCRMOffline.register();  // after the start, so caching the site does not compete with it
        },
        fieldcrmOnError(title, detail) {
          showError(title, detail);
        },
        onAbort(what) {
          showError(tr('FieldCRM stopped'), tr('%s\nEverything saved before this is safe. Reload to continue.', messageOf(what)));
        },
        instantiateWasm(imports, receive) {
          WebAssembly.instantiate(bytes, imports)
            .then((result) => receive(result.instance, result.module))
            .catch((error) => showError(tr('FieldCRM could not start'), messageOf(error)));
          return {};
        },
      };
      module = await createFieldCRM(config);
      FieldCRMTextInput.connect(module);
      window.fieldcrmStartup = { moduleAt: performance.now() };
      if (failed) return;  // main() reported a problem (no WebGL 2) on the error page
      window.fieldcrm = { module, store };  // the end-to-end tests read state and set store.testHooks here
    } catch (error) {
      showError(tr('FieldCRM could not start'), messageOf(error));
      return;
    }

    // The stored image streams into the module batch by batch, then the database opens in it.
    step(tr('Opening your data\u2026'), 0.65);
    try {
      await store.loadImage((first, count) => module._fieldcrm_load_image_pages(first, count) === 1,
        (fraction) => step(tr('Opening your data\u2026 %s%', Math.round(fraction * 100)), 0.65 + 0.35 * fraction));
    } catch (error) {
      if (handedOver) return;  // the other tab closed this one's store while it was still reading
      showError(tr('Your customer data could not be opened'),
        tr('%s.\nNothing was changed. Reload the page to try again.', messageOf(error)));
      return;
    }
    if (handedOver) return;  // taken over while loading: another tab has the data now
    window.fieldcrmStartup.imageAt = performance.now();
    module._fieldcrm_start();
  }

  start();
})();
