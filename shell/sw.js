// FieldCRM's service worker: after one online visit the whole app (html, js, wasm, fonts, icons) is answered from
// a cache named after the build, so it starts and works with no network. scripts/stamp-site.mjs writes the build's
// version and file list (with SRI hashes) into the site's copy of this file, so every deploy with a changed file is
// a new worker: it installs beside the running one and waits until the page says "reload" (shell/offline.js).
// It caches only the site's own files and never sees CRM data (that lives in IndexedDB).
'use strict';

const BUILD = /*BUILD*/null;  // {version, files: [{url, integrity}], optional: [...]} — filled in at build time
const CACHE_PREFIX = 'fieldcrm-site-';
const CACHE = CACHE_PREFIX + BUILD.version;
const CACHED = new Set([...BUILD.files, ...BUILD.optional].map((f) => f.url));

// First from the HTTP cache (the page has just downloaded most of these); a stale copy fails the integrity check
// and comes again from the server. A file that fails both ways fails the install: no half-cached version.
async function precache(cache, file) {
  let problem;
  for (const mode of ['default', 'reload']) {
    try {
      const response = await fetch(new Request(file.url, { cache: mode, integrity: file.integrity }));
      if (response.ok) return await cache.put(file.url, response);
      problem = new Error(`HTTP ${response.status}`);
    } catch (error) {
      problem = error;
    }
  }
  throw new Error(`FieldCRM offline cache: ${file.url}: ${problem && problem.message}`);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(BUILD.files.map((file) => precache(cache, file)));
    // The fallback font (rare characters) is large and only wanted now and then: cached if it can be.
    await Promise.all(BUILD.optional.map((file) => precache(cache, file).catch(() => {})));
  })());
});

// The new version takes over: older versions' caches go, and open pages are served by this worker.
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys())
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'skip-waiting') self.skipWaiting();
  else if (type === 'version' && event.ports[0]) event.ports[0].postMessage(BUILD.version);
});

// Site files from the cache (the network only when a file is not cached); everything else as usual.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  let path = url.pathname.slice(scope.pathname.length);
  if (request.mode === 'navigate' && (path === '' || path.endsWith('/'))) path += 'index.html';
  if (!CACHED.has(path)) return;
  event.respondWith((async () => {
    const cached = await caches.match(path, { cacheName: CACHE });
    return cached || fetch(request);
  })());
});
