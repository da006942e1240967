// The site's service worker, written into the build as sw.js by scripts/postbuild.ts, which fills in the
// manifest below with { version, base, files }: a hash of every precached file's bytes, the base path, and the
// files. After a reader's first visit the essays, their figures, their models, the CPU runtime and the search
// index are in the cache, so everything works offline. A new deploy changes the version whenever any file
// changes (a retrained model included): the browser sees a new sw.js on the next navigation, installs it,
// precaches the new files (bypassing the HTTP cache), and drops the old cache; the visit after that is served
// the new site. The WebGPU runtime (6.6 MB, only fetched where WebGPU exists) is cached when first fetched.
const MANIFEST = /* manifest */ null;
const CACHE = `dezoom-${MANIFEST.version}`;
const scope = self;

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(MANIFEST.files.map((file) => new Request(MANIFEST.base + file, { cache: 'reload' })));
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('dezoom-') && key !== CACHE) await caches.delete(key);
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin || !url.pathname.startsWith(MANIFEST.base)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // A figure's state is in the query string: the page is the same whatever it says.
      const hit =
        (await cache.match(request, { ignoreSearch: true })) ??
        (request.mode === 'navigate' && !url.pathname.endsWith('/') ? await cache.match(`${url.pathname}/`) : undefined);
      if (hit) return hit;
      try {
        const response = await fetch(request);
        if (response.ok && /\.wasm(\.gz)?$/.test(url.pathname)) await cache.put(request, response.clone());
        return response;
      } catch (error) {
        if (request.mode === 'navigate') {
          const notFound = await cache.match(`${MANIFEST.base}404.html`);
          if (notFound) return notFound;
        }
        throw error;
      }
    })(),
  );
});
