// FieldCRMPageStore: the IndexedDB half of the page VFS (src/storage/page_vfs.*, src/platform/app_database_browser.cpp).
// It streams the committed database image into the module in bounded batches before the database opens (so the
// image is never held twice, even at 1 GB), then stores each commit behind the UI: all of a commit's records, and
// the commit record, in one IndexedDB transaction, so a crash leaves either the previous or the new image. A failed
// write keeps its records pending and is retried; nothing is dropped.
// Layout (decided by the VFS, see page_vfs.h): object store "segments" holds 64 KiB segments of 16 pages by segment
// index, "pages" single 4 KiB pages by page index that are newer than their segment, "meta" the commit record
// {generation, bytes}. It must not interpret pages: it moves blocks and that record, nothing more.
// Restoring a backup replaces the whole image as one commit; until the restored image has been opened, the previous
// one stays in the "meta" store (its records under ["previous", "pages" | "segments", index], its commit record
// under "previous-image"): see "restore".
'use strict';

(function () {
  const PAGE_BYTES = 4096;
  const SEGMENT_PAGES = 16;
  const SEGMENT_BYTES = SEGMENT_PAGES * PAGE_BYTES;
  const RETRY_MS = [500, 1000, 2000, 5000, 10000];
  const LOAD_BATCH_PAGES = 2048;  // 8 MiB per IndexedDB read while the image streams in
  const LOAD_BATCHES_AHEAD = 3;   // reads in flight: bounds the memory held outside the module
  const SCHEMA_VERSION = 2;       // 1: pages and meta only; 2: + segments (version-1 images stay readable as they are)
  const IMAGE_STORES = ['pages', 'segments'];
  const previousRecords = () => IDBKeyRange.bound(['previous'], ['previous', []]);  // every ["previous", …] key

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

  const pageCountOf = (bytes) => Math.ceil(bytes / PAGE_BYTES);

  // What is committed but not yet stored: the newest data of each single page and segment, and the newest commit
  // record. A segment supersedes every older single page inside it; single pages added after it stay on top.
  class PendingWrite {
    constructor() {
      this.pages = new Map();     // page index -> Uint8Array(PAGE_BYTES)
      this.segments = new Map();  // segment index -> Uint8Array(SEGMENT_BYTES)
      this.meta = null;           // {generation, bytes}
      this.restore = false;       // holds the commit that replaces the whole image with a restored backup
    }

    get empty() { return this.meta === null; }

    addSegment(index, data) {
      this.segments.set(index, data);
      for (let p = index * SEGMENT_PAGES; p < (index + 1) * SEGMENT_PAGES; p++) this.pages.delete(p);
    }

    addPage(index, data) { this.pages.set(index, data); }

    setMeta(meta) {
      this.meta = meta;
      const pageCount = pageCountOf(meta.bytes);
      for (const index of this.pages.keys()) if (index >= pageCount) this.pages.delete(index);
      for (const index of this.segments.keys()) if (index * SEGMENT_PAGES >= pageCount) this.segments.delete(index);
    }

    // Lays `newer` (committed after this one) over this one.
    absorb(newer) {
      this.restore = this.restore || newer.restore;
      for (const [index, data] of newer.segments) this.addSegment(index, data);
      for (const [index, data] of newer.pages) this.addPage(index, data);
      if (newer.meta) this.setMeta(newer.meta);
    }
  }

  class PageStore {
    constructor(db, meta) {
      this.db = db;
      this.generation = meta ? meta.generation : 0; // last generation stored in IndexedDB
      this.bytes = meta ? meta.bytes : 0;
      this.batch = null;                            // the batch loadImage is handing to the module
      this.singleKeys = [];                         // pages stored as single pages, found while loading
      this.pending = new PendingWrite();
      this.writing = false;
      this.failures = 0;
      this.state = 'saved';                         // 'saved' | 'saving' | 'failed'
      this.error = '';
      this.onchange = null;                         // called after every state change (the shell shows it)
      this.idleWaiters = [];
      this.closed = false;                          // true once another tab took over
      this.superseded = false;                      // true if IndexedDB holds a generation we did not write
      this.restorePending = !!(meta && meta.restorePending); // a restored image not yet opened (previous one kept)
      this.restoring = null;                        // {armed, claimed, promise, resolve, reject} during a restore
      // End-to-end tests make writes fail through these: the next `abortWrites` transactions abort after putting
      // `abortAfterPuts` records (all of them when null), reporting `error` as the reason. `damageRestore` stores
      // the next restore commit with its first page zeroed (storage that damaged the image after it was checked).
      this.testHooks = { abortWrites: 0, abortAfterPuts: null, error: null, damageRestore: false };
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
          open = indexedDB.open('fieldcrm-' + name, SCHEMA_VERSION);
        } catch (e) {
          reject(new Error('IndexedDB cannot be opened: ' + describe(e)));
          return;
        }
        open.onupgradeneeded = () => {
          for (const store of ['pages', 'meta', 'segments'])
            if (!open.result.objectStoreNames.contains(store)) open.result.createObjectStore(store);
        };
        open.onblocked = () => reject(new Error('the database is being upgraded in another tab; close it and reload'));
        open.onerror = () => reject(new Error('IndexedDB cannot be opened: ' + describe(open.error)));
        open.onsuccess = async () => {
          const db = open.result;
          try {
            const meta = await request(db.transaction('meta', 'readonly').objectStore('meta').get('image'));
            const store = new PageStore(db, meta);
            // A newer FieldCRM upgrading the stored layout in another tab: stop writing here (the tabs' lock
            // normally prevents this; the generation check would catch a write anyway).
            db.onversionchange = () => {
              store.superseded = true;
              db.close();
              store.setState('failed', 'a newer FieldCRM opened this data in another tab; reload to continue');
            };
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

    // ---- loading the image -----------------------------------------------------------------------------------------

    // Streams the stored image into the module before its database opens: reads it in page order, a few batches in
    // flight within one read-only transaction, and hands each batch to `loadPages(first, count)` (the module's
    // fieldcrm_load_image_pages, which copies it through readPages below) before the next one is read.
    // `progress(fraction)` follows along. Rejects, having opened nothing, if IndexedDB or the module fails.
    loadImage(loadPages, progress = () => {}) {
      const pageCount = pageCountOf(this.bytes);
      if (pageCount === 0) return Promise.resolve();
      // End-to-end tests set globalThis.fieldcrmTestLoadBatchPages to stream small images in many batches.
      const batchPages = globalThis.fieldcrmTestLoadBatchPages || LOAD_BATCH_PAGES;
      return new Promise((resolve, reject) => {
        const tx = this.db.transaction(['pages', 'segments'], 'readonly');
        const stores = { pages: tx.objectStore('pages'), segments: tx.objectStore('segments') };
        const reads = [];  // in flight, in page order (IndexedDB answers a transaction's requests in order)
        let next = 0;
        let failed = false;
        const fail = (error) => {
          if (failed) return;
          failed = true;
          this.batch = null;
          try { tx.abort(); } catch (e) { /* already finished */ }
          reject(new Error('the stored database cannot be read: ' + describe(error)));
        };
        const deliver = (read) => {
          this.batch = read;
          const ok = loadPages(read.first, read.count);
          this.batch = null;
          if (!ok) return fail(new Error(`pages ${read.first}–${read.first + read.count - 1} did not reach the module`));
          for (const key of read.pageKeys) this.singleKeys.push(key);
          progress(Math.min(1, (read.first + read.count) / pageCount));
          if (read.first + read.count >= pageCount) resolve();
        };
        const settle = () => {
          while (!failed && reads.length && reads[0].waiting === 0) deliver(reads.shift());
          issue();
        };
        const get = (read, store, method, range, field) => {
          read.waiting++;
          const req = stores[store][method](range);
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            read[field] = req.result;
            read.waiting--;
            settle();
          };
        };
        const issue = () => {
          while (!failed && next < pageCount && reads.length < LOAD_BATCHES_AHEAD) {
            const first = next;
            const count = Math.min(batchPages, pageCount - first);
            next += count;
            const read = { first, count, waiting: 0 };
            reads.push(read);
            const pageRange = IDBKeyRange.bound(first, first + count - 1);
            const segmentRange = IDBKeyRange.bound(Math.floor(first / SEGMENT_PAGES), Math.floor((first + count - 1) / SEGMENT_PAGES));
            get(read, 'segments', 'getAllKeys', segmentRange, 'segmentKeys');
            get(read, 'segments', 'getAll', segmentRange, 'segments');
            get(read, 'pages', 'getAllKeys', pageRange, 'pageKeys');
            get(read, 'pages', 'getAll', pageRange, 'pages');
          }
        };
        tx.onabort = () => fail(tx.error || new Error('the read was aborted'));
        issue();
      });
    }

    // ---- called by the module (app_database_browser.cpp) ----------------------------------------------------------

    // Copies pages [first, first + count) of the batch being delivered into wasm memory at ptr: each page's single
    // page if stored, else its part of its segment, else zeros. Returns false if the batch does not cover them: the
    // module must not open an image with pages it never received (they would read as an empty database, and the
    // next commit would store that).
    readPages(first, count, heap, ptr) {
      const batch = this.batch;
      const end = first + count;
      if (!batch || first < batch.first || end > batch.first + batch.count) return false;
      heap.fill(0, ptr, ptr + count * PAGE_BYTES);
      for (let k = 0; k < batch.segmentKeys.length; k++) {
        const from = Math.max(first, batch.segmentKeys[k] * SEGMENT_PAGES);
        const to = Math.min(end, (batch.segmentKeys[k] + 1) * SEGMENT_PAGES);
        if (from >= to) continue;
        const offset = (from - batch.segmentKeys[k] * SEGMENT_PAGES) * PAGE_BYTES;
        heap.set(new Uint8Array(batch.segments[k], offset, (to - from) * PAGE_BYTES), ptr + (from - first) * PAGE_BYTES);
      }
      for (let k = 0; k < batch.pageKeys.length; k++) {
        const index = batch.pageKeys[k];
        if (index >= first && index < end) heap.set(new Uint8Array(batch.pages[k]), ptr + (index - first) * PAGE_BYTES);
      }
      return true;
    }

    // The pages found stored as single pages while loading; asked once by the module before its first commit.
    takeSinglePages() {
      const keys = this.singleKeys;
      this.singleKeys = [];
      return keys;
    }

    // One commit: copies its single pages and segments out of wasm memory now, stores them as soon as no other
    // write is in flight. Returns false, taking nothing, once this tab has handed the database to another one.
    commit(generation, bytes, heap, pageIndexes, pagePointers, segmentIndexes, segmentPointers) {
      if (this.closed || this.superseded) return false;
      const commit = new PendingWrite();
      for (let i = 0; i < segmentIndexes.length; i++)
        commit.addSegment(segmentIndexes[i], heap.slice(segmentPointers[i], segmentPointers[i] + SEGMENT_BYTES));
      for (let i = 0; i < pageIndexes.length; i++)
        commit.addPage(pageIndexes[i], heap.slice(pagePointers[i], pagePointers[i] + PAGE_BYTES));
      commit.setMeta({ generation, bytes });
      if (this.restoring && this.restoring.armed && !this.restoring.claimed) {  // the first commit after markRestoreCommit()
        this.restoring.claimed = true;
        this.restorePending = true;
        commit.restore = true;
      }
      this.pending.absorb(commit);
      if (this.state !== 'failed') this.setState('saving', '');
      this.flush();
      return true;
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    flush() {
      if (this.writing || this.pending.empty || this.closed) return;
      const batch = this.pending;
      this.pending = new PendingWrite();
      this.writing = true;
      let tx;
      try {
        tx = this.db.transaction(['pages', 'segments', 'meta'], 'readwrite');
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
          const segments = tx.objectStore('segments');
          let puts = 0;
          const damaged = (data, index) => {  // testHooks.damageRestore: the first page of the image zeroed
            if (!batch.restore || !hooks.damageRestore || index !== 0) return data.buffer;
            const copy = data.slice();
            copy.fill(0, 0, PAGE_BYTES);
            return copy.buffer;
          };
          // Segments first, each dropping the older single pages inside it; the single pages written after them
          // are newer than any segment in this batch (PendingWrite keeps it so).
          for (const [index, data] of batch.segments) {
            if (puts++ === abortAt) return abort();
            pages.delete(IDBKeyRange.bound(index * SEGMENT_PAGES, (index + 1) * SEGMENT_PAGES - 1));
            segments.put(damaged(data, index), index);
          }
          for (const [index, data] of batch.pages) {
            if (puts++ === abortAt) return abort();
            pages.put(damaged(data, index), index);
          }
          const pageCount = pageCountOf(batch.meta.bytes);
          pages.delete(IDBKeyRange.lowerBound(pageCount));
          segments.delete(IDBKeyRange.lowerBound(Math.ceil(pageCount / SEGMENT_PAGES)));
          metaStore.put(this.imageRecord(batch.meta), 'image');
          if (abortAt >= 0) abort();
        };
      } catch (e) {
        this.writeFailed(batch, e);
        return;
      }
      tx.oncomplete = () => {
        this.writing = false;
        this.failures = 0;
        this.generation = batch.meta.generation;
        this.bytes = batch.meta.bytes;
        if (batch.restore) this.restoring.resolve();
        if (!this.pending.empty) this.flush();
        else this.setState('saved', '');
        this.notifyIdle();
      };
      tx.onabort = () => this.writeFailed(batch, tx.error || this.testHooks.error);
    }

    // Resolves once everything committed so far is stored (or storing has stopped for good).
    whenIdle() {
      if (this.superseded || (!this.writing && this.pending.empty)) return Promise.resolve();
      return new Promise((resolve) => this.idleWaiters.push(resolve));
    }

    notifyIdle() {
      if (!this.superseded && (this.writing || !this.pending.empty)) return;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }

    // Stops writing for good (another tab takes over): waits for what is committed to be stored first.
    async close() {
      await this.whenIdle();
      this.closed = true;
      this.db.close();
    }

    // The batch goes back under anything committed since (newer data wins), and is retried with back-off.
    // A superseded store (another tab wrote) keeps its data in memory but never retries: the user must reload.
    writeFailed(batch, error) {
      this.writing = false;
      if (batch.restore) return this.restoreFailed(error);
      batch.absorb(this.pending);
      this.pending = batch;
      if (this.superseded) {
        this.setState('failed', 'the data was changed in another tab or window; reload to continue there');
        this.notifyIdle();
        return;
      }
      this.failures++;
      this.setState('failed', describe(error));
      setTimeout(() => this.flush(), RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)]);
    }

    // ---- restore -----------------------------------------------------------------------------------------------------
    // 1. keepPreviousImage(): once everything committed is stored, one transaction copies the stored records and the
    //    commit record aside (meta "previous"). 2. markRestoreCommit(): the module's next commit is the whole restored
    //    image; it is stored like any commit, its record flagged restorePending; if it fails it is not retried: this
    //    store stops and restoreStored() rejects (the stored image is still the previous one). 3. After the reload,
    //    the module opens the restored image and calls confirmRestore() (previous dropped) or revertRestore()
    //    (previous put back).

    imageRecord(meta) {
      const record = { generation: meta.generation, bytes: meta.bytes };
      if (this.restorePending) record.restorePending = true;
      return record;
    }

    async keepPreviousImage() {
      await this.whenIdle();
      if (this.closed || this.superseded) throw new Error('this tab no longer owns the data');
      if (this.state === 'failed') throw new Error('saving does not work right now: ' + this.error);
      const tx = this.db.transaction([...IMAGE_STORES, 'meta'], 'readwrite');
      const meta = tx.objectStore('meta');
      meta.delete(previousRecords());
      const check = meta.get('image');
      check.onsuccess = () => {
        if ((check.result ? check.result.generation : 0) !== this.generation) {
          this.superseded = true;
          tx.abort();
          return;
        }
        let copying = IMAGE_STORES.length;
        for (const name of IMAGE_STORES) {
          const cursor = tx.objectStore(name).openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c) {
              meta.put(c.value, ['previous', name, c.key]);
              return c.continue();
            }
            if (--copying === 0) meta.put({ generation: this.generation, bytes: this.bytes }, 'previous-image');
          };
        }
      };
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onabort = () => reject(this.superseded ? new Error('the data was changed in another tab') : tx.error);
      });
      let resolve, reject;
      const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
      promise.catch(() => {});  // awaited through restoreStored()
      this.restoring = { armed: false, claimed: false, promise, resolve, reject };
    }

    markRestoreCommit() {
      if (this.restoring) this.restoring.armed = true;
    }

    // The module could not make the restore commit: nothing changed; the copy set aside is dropped.
    cancelRestore() {
      if (this.restoring && !this.restoring.claimed) this.restorePending = false;
      this.restoring = null;
      this.dropPreviousImage();
    }

    // Resolves once the restore commit and everything after it is stored.
    async restoreStored() {
      await this.restoring.promise;
      await this.whenIdle();
    }

    restoreFailed(error) {
      this.pending = new PendingWrite();
      this.restorePending = false;
      this.closed = true;  // the module's image is not what is stored: nothing more may be written until the reload
      this.setState('failed', describe(error));
      const failed = new Error(describe(error));
      this.dropPreviousImage().finally(() => this.restoring.reject(failed));
      this.notifyIdle();
    }

    // Resolves once the copy set aside is gone (or could not be removed: the next restore replaces it anyway).
    dropPreviousImage() {
      return new Promise((resolve) => {
        const tx = this.db.transaction(['meta'], 'readwrite');
        tx.objectStore('meta').delete(previousRecords());
        tx.objectStore('meta').delete('previous-image');
        tx.oncomplete = tx.onabort = tx.onerror = () => resolve();
      });
    }

    // The restored image opened: from now on it is the only one.
    confirmRestore() {
      this.restorePending = false;
      const tx = this.db.transaction(['meta'], 'readwrite');
      const meta = tx.objectStore('meta');
      const check = meta.get('image');
      check.onsuccess = () => {
        const stored = check.result;
        if (!stored || stored.generation !== this.generation) return;  // a newer commit already dropped the flag
        meta.put({ generation: stored.generation, bytes: stored.bytes }, 'image');
      };
      this.dropPreviousImage();
    }

    // The restored image did not open: the previous one goes back, as one more commit.
    revertRestore() {
      return new Promise((resolve, reject) => {
        const tx = this.db.transaction([...IMAGE_STORES, 'meta'], 'readwrite');
        const meta = tx.objectStore('meta');
        const previous = meta.get('previous-image');
        previous.onsuccess = () => {
          const record = previous.result;
          if (!record) {
            tx.abort();
            return;
          }
          for (const name of IMAGE_STORES) tx.objectStore(name).clear();
          const cursor = meta.openCursor(previousRecords());
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c) {
              tx.objectStore(c.key[1]).put(c.value, c.key[2]);
              return c.continue();
            }
            meta.put({ generation: this.generation + 1, bytes: record.bytes }, 'image');
            meta.delete(previousRecords());
            meta.delete('previous-image');
          };
        };
        tx.oncomplete = () => {
          this.closed = true;  // the module holds the restored image; it must not write over the one put back
          resolve();
        };
        tx.onabort = () => reject(tx.error || new Error('no previous data was kept'));
      });
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
