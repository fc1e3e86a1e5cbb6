// FieldCRMPageStore: the IndexedDB half of the page VFS (src/storage/page_vfs.*, src/platform/app_database_browser.cpp).
// It loads the committed database image before the module starts, then stores each commit's pages behind the UI:
// all pages of a commit, and the commit record, in one IndexedDB transaction, so a crash leaves either the
// previous or the new image. A failed write keeps its pages pending and is retried; nothing is dropped.
// It must not interpret pages: it moves 4 KiB blocks and a {generation, bytes} record, nothing more.
'use strict';

(function () {
  const PAGE_BYTES = 4096;
  const RETRY_MS = [500, 1000, 2000, 5000, 10000];

  function request(req) {
    return new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  function describe(error) {
    if (!error) return 'unknown storage error';
    if (error.name === 'QuotaExceededError') return 'the browser storage is full (quota exceeded)';
    return (error.name ? error.name + ': ' : '') + (error.message || String(error));
  }

  class PageStore {
    constructor(db, meta, pages) {
      this.db = db;
      this.generation = meta ? meta.generation : 0; // last generation stored in IndexedDB
      this.bytes = meta ? meta.bytes : 0;
      this.loaded = pages;                          // Map page index -> Uint8Array, until the module has read it
      this.pending = new Map();                     // page index -> Uint8Array, not yet stored
      this.pendingMeta = null;                      // {generation, bytes} of the newest commit not yet stored
      this.writing = false;
      this.failures = 0;
      this.state = 'saved';                         // 'saved' | 'saving' | 'failed'
      this.error = '';
      this.onchange = null;                         // called after every state change (the shell shows it)
      this.idleWaiters = [];
      this.closed = false;                          // true once another tab took over
      this.superseded = false;                      // true if IndexedDB holds a generation we did not write
      // End-to-end tests make writes fail through these: the next `abortWrites` transactions abort after putting
      // `abortAfterPuts` pages (all of them when null), reporting `error` as the reason.
      this.testHooks = { abortWrites: 0, abortAfterPuts: null, error: null };
      this.storage = { persistent: false, persistenceKnown: false, usage: -1, quota: -1 };
    }

    static open(name) {
      return new Promise((resolve, reject) => {
        if (typeof indexedDB === 'undefined' || !indexedDB) {
          reject(new Error('IndexedDB is not available in this browser (private mode or storage disabled)'));
          return;
        }
        let open;
        try {
          open = indexedDB.open('fieldcrm-' + name, 1);
        } catch (e) {
          reject(new Error('IndexedDB cannot be opened: ' + describe(e)));
          return;
        }
        open.onupgradeneeded = () => {
          open.result.createObjectStore('pages');
          open.result.createObjectStore('meta');
        };
        open.onblocked = () => reject(new Error('the database is being upgraded in another tab; close it and reload'));
        open.onerror = () => reject(new Error('IndexedDB cannot be opened: ' + describe(open.error)));
        open.onsuccess = async () => {
          const db = open.result;
          try {
            const tx = db.transaction(['pages', 'meta'], 'readonly');
            const [meta, keys, values] = await Promise.all([
              request(tx.objectStore('meta').get('image')),
              request(tx.objectStore('pages').getAllKeys()),
              request(tx.objectStore('pages').getAll()),
            ]);
            const pages = new Map();
            for (let i = 0; i < keys.length; i++) pages.set(keys[i], new Uint8Array(values[i]));
            const store = new PageStore(db, meta, pages);
            store.requestPersistence();
            addEventListener('pagehide', () => store.flush());
            addEventListener('visibilitychange', () => store.flush());
            resolve(store);
          } catch (e) {
            reject(new Error('the stored database cannot be read: ' + describe(e)));
          }
        };
      });
    }

    // ---- called by the module (app_database_browser.cpp) ----------------------------------------------------------

    readPages(first, count, heap, ptr) {
      for (let i = 0; i < count; i++) {
        const page = this.loaded && this.loaded.get(first + i);
        const at = ptr + i * PAGE_BYTES;
        if (page) heap.set(page, at);
        else heap.fill(0, at, at + PAGE_BYTES);
      }
    }

    releaseLoaded() { this.loaded = null; }

    // One commit: copies the pages out of wasm memory now, stores them as soon as no other write is in flight.
    // Returns false, taking nothing, once this tab has handed the database to another one.
    commit(generation, bytes, indexes, heap, pointers) {
      if (this.closed || this.superseded) return false;
      for (let i = 0; i < indexes.length; i++) {
        this.pending.set(indexes[i], heap.slice(pointers[i], pointers[i] + PAGE_BYTES));
      }
      this.dropPendingBeyond(bytes);
      this.pendingMeta = { generation, bytes };
      if (this.state !== 'failed') this.setState('saving', '');
      this.flush();
      return true;
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    dropPendingBeyond(bytes) {
      const pageCount = Math.ceil(bytes / PAGE_BYTES);
      for (const index of this.pending.keys()) if (index >= pageCount) this.pending.delete(index);
    }

    flush() {
      if (this.writing || !this.pendingMeta || this.closed) return;
      const batch = this.pending;
      const meta = this.pendingMeta;
      this.pending = new Map();
      this.pendingMeta = null;
      this.writing = true;
      let tx;
      try {
        tx = this.db.transaction(['pages', 'meta'], 'readwrite');
        const metaStore = tx.objectStore('meta');
        // Only the owner of the last stored generation may write the next: a second writer (a tab that should
        // have given up, or lost a race) finds another generation here and stops instead of mixing pages.
        const check = metaStore.get('image');
        check.onsuccess = () => {
          const stored = check.result ? check.result.generation : 0;
          if (stored !== this.generation) {
            this.superseded = true;
            tx.abort();
            return;
          }
          const hooks = this.testHooks;
          const abortAt = hooks.abortWrites > 0 ? hooks.abortAfterPuts ?? Infinity : -1;
          const abort = () => {
            hooks.abortWrites--;
            tx.abort();
          };
          const pages = tx.objectStore('pages');
          let puts = 0;
          for (const [index, data] of batch) {
            if (puts++ === abortAt) return abort();
            pages.put(data.buffer, index);
          }
          pages.delete(IDBKeyRange.lowerBound(Math.ceil(meta.bytes / PAGE_BYTES)));
          metaStore.put(meta, 'image');
          if (abortAt >= 0) abort();
        };
      } catch (e) {
        this.writeFailed(batch, meta, e);
        return;
      }
      tx.oncomplete = () => {
        this.writing = false;
        this.failures = 0;
        this.generation = meta.generation;
        this.bytes = meta.bytes;
        if (this.pendingMeta) this.flush();
        else this.setState('saved', '');
        this.notifyIdle();
      };
      tx.onabort = () => this.writeFailed(batch, meta, tx.error || this.testHooks.error);
    }

    // Resolves once everything committed so far is stored (or storing has stopped for good).
    whenIdle() {
      if (this.superseded || (!this.writing && !this.pendingMeta)) return Promise.resolve();
      return new Promise((resolve) => this.idleWaiters.push(resolve));
    }

    notifyIdle() {
      if (!this.superseded && (this.writing || this.pendingMeta)) return;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }

    // Stops writing for good (another tab takes over): waits for what is committed to be stored first.
    async close() {
      await this.whenIdle();
      this.closed = true;
      this.db.close();
    }

    // The batch goes back under anything committed since (newer pages win), and is retried with back-off.
    // A superseded store (another tab wrote) keeps its pages in memory but never retries: the user must reload.
    writeFailed(batch, meta, error) {
      this.writing = false;
      for (const [index, data] of this.pending) batch.set(index, data);
      this.pending = batch;
      if (this.pendingMeta) this.dropPendingBeyond(this.pendingMeta.bytes);
      else this.pendingMeta = meta;
      if (this.superseded) {
        this.setState('failed', 'the data was changed in another tab or window; reload to continue there');
        this.notifyIdle();
        return;
      }
      this.failures++;
      this.setState('failed', describe(error));
      setTimeout(() => this.flush(), RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)]);
    }

    // ---- storage facts for the Storage panel --------------------------------------------------------------------

    // Asks once for persistent storage (the browser may say no: best-effort data can be evicted under pressure).
    async requestPersistence() {
      const storage = navigator.storage;
      if (!storage || !storage.persist) return;
      try {
        this.storage.persistent = (await storage.persisted()) || (await storage.persist());
      } catch (e) {
        this.storage.persistent = false;
      }
      this.storage.persistenceKnown = true;
      await this.refreshEstimate();
    }

    async refreshEstimate() {
      const storage = navigator.storage;
      if (!storage || !storage.estimate || Date.now() - (this.estimatedAt || 0) < 5000) return;
      this.estimatedAt = Date.now();
      try {
        const estimate = await storage.estimate();
        this.storage.usage = estimate.usage;
        this.storage.quota = estimate.quota;
      } catch (e) {
        // estimate() is informative only; the panel shows "unknown"
      }
    }

    setState(state, error) {
      this.state = state;
      this.error = error;
      if (this.onchange) this.onchange(this);
    }
  }

  globalThis.FieldCRMPageStore = PageStore;
})();
