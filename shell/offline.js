// Offline start and updates: registers the service worker (sw.js, relative to this page, so any sub-path works)
// once the app runs, checks for a new version now and then and when the network comes back, and tells the app
// when one is installed and waiting. applyUpdate() waits until everything is stored, then lets the new worker take
// over and reloads: the database stays in IndexedDB and the new build's migrations run on start.
'use strict';

const FieldCRMOffline = (() => {
  let waiting = null;       // the installed new version's worker, until the user reloads
  let registration = null;

  function watch(worker) {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) waiting = worker;
    });
  }

  async function register() {
    if (!('serviceWorker' in navigator)) return null;  // e.g. a plain http:// host other than localhost
    try {
      registration = await navigator.serviceWorker.register('sw.js');
    } catch (error) {
      console.warn('FieldCRM: offline start is not available here: ' + error.message);
      return null;
    }
    if (registration.waiting && navigator.serviceWorker.controller) waiting = registration.waiting;
    if (registration.installing) watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    const check = () => registration.update().catch(() => {});
    setInterval(check, 30 * 60 * 1000);
    window.addEventListener('online', check);
    return registration;
  }

  // Resolves when the page store has nothing left to write (a reload before that would lose the last change).
  async function saved(store, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    while (store && !store.closed && store.state !== 'saved' && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async function applyUpdate(store) {
    if (!waiting) return;
    await saved(store);
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage({ type: 'skip-waiting' });
  }

  // The version of the worker that serves this page ('' without one), e.g. for the tests.
  function version() {
    const controller = navigator.serviceWorker && navigator.serviceWorker.controller;
    if (!controller) return Promise.resolve('');
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => resolve(String(e.data));
      controller.postMessage({ type: 'version' }, [channel.port2]);
    });
  }

  return {
    register,
    applyUpdate,
    version,
    get updateReady() { return waiting !== null; },
    get registration() { return registration; },
  };
})();
