// FieldCRMWriterLock: exactly one tab or window writes a database, decided by Web Locks (navigator.locks).
// A second tab asks the user, then asks the owner to hand over (BroadcastChannel): the owner stores what it has
// committed, stops writing, and only then releases the lock. An owner that does not answer within 5 s (a frozen
// tab) has the lock stolen; the page store's generation check then keeps it from writing anything more.
'use strict';

(function () {
  const HANDOVER_TIMEOUT_MS = 5000;

  // options.askToTakeOver(): resolves when the user chooses to use the data in this tab.
  // options.onHandedOver(): called when another tab takes over; resolve it once this tab has stopped writing.
  async function acquire(name, options) {
    if (!('locks' in navigator)) return; // no Web Locks (very old browsers): nothing to coordinate with
    const lockName = 'fieldcrm-writer:' + name;
    const channel = new BroadcastChannel(lockName);
    let release;
    const held = new Promise((resolve) => (release = resolve));
    const lost = () => options.onHandedOver();

    const granted = await new Promise((resolve) => {
      navigator.locks
        .request(lockName, { ifAvailable: true }, (lock) => {
          resolve(!!lock);
          return lock ? held : null;
        })
        .catch(lost); // rejected when another tab stole the lock
    });

    if (!granted) {
      await options.askToTakeOver();
      await new Promise((resolve) => {
        const waiting = new AbortController();
        const timer = setTimeout(() => {
          waiting.abort();
          navigator.locks.request(lockName, { steal: true }, () => (resolve(), held)).catch(lost);
        }, HANDOVER_TIMEOUT_MS);
        navigator.locks
          .request(lockName, { signal: waiting.signal }, () => (clearTimeout(timer), resolve(), held))
          .catch((e) => { if (e.name !== 'AbortError') lost(); });
        channel.postMessage('hand-over');
      });
    }

    channel.onmessage = async (event) => {
      if (event.data !== 'hand-over') return;
      await options.onHandedOver();
      release();
    };
  }

  globalThis.FieldCRMWriterLock = { acquire };
})();
