/*! Kefu offline service worker: keeps the chat answering FAQs with no network. MIT OR Apache-2.0.
 *
 * Registered by kefu.js when the script tag has data-sw="<url of this file>".
 * Network first, cache as the fallback, for three kinds of GET requests:
 *  - the widget's own files (the list below: loader, wasm, model, FAQ index),
 *    precached at install so the first offline visit works;
 *  - page navigations in the scope (and the page open when it installs), so a
 *    reload while offline still shows the last copy of the page and the chat;
 *  - the same-origin styles, scripts, images and fonts those pages use.
 * Nothing else is touched: API calls (e.g. the shop backend under this folder's
 * v1/) and other origins always go to the network and are never stored.
 * `cargo xtask build` writes the build id and file list below.
 */
'use strict';
const BUILD = '__KEFU_BUILD__';
const FILES = ['__KEFU_FILES__'];
const CACHE = 'kefu-' + BUILD;
const BASE = new URL('./', self.location.href).href;
// A network that does not answer (a tunnel) is treated like no network.
const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(FILES.map((f) => new Request(BASE + f, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kefu-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim())
    .then(() => keepOpenPages()));
});

self.addEventListener('fetch', (event) => {
  if (cacheable(event.request)) event.respondWith(networkFirst(event.request));
});

function cacheable(request) {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  if (request.url.startsWith(BASE)) return FILES.includes(url.pathname.slice(new URL(BASE).pathname.length));
  return request.mode === 'navigate' || ['style', 'script', 'image', 'font'].includes(request.destination);
}

// The page that registered us loaded before we existed: store it now, so the
// very first visit already survives a reload while offline.
async function keepOpenPages() {
  const cache = await caches.open(CACHE);
  const windows = await self.clients.matchAll({ type: 'window' });
  await Promise.all(windows.map(async (client) => {
    try {
      const response = await fetch(client.url, { credentials: 'same-origin' });
      if (response.ok) await cache.put(client.url, response);
    } catch (offline) { /* the next navigation stores it */ }
  }));
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    // Only complete, successful answers replace what works offline.
    if (response.ok && (response.type === 'basic' || response.type === 'cors')) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    throw offline;
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('network timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
