/*
 * The field page's service worker (scope /field/): keeps the page's shell so that it opens without a network.
 * The shell is fetched from the network first (a new version shows at once when online) and from the cache when the
 * network fails or takes longer than 4 s; the JSON calls (/field/api/) are never cached here — the page keeps the
 * worklist itself and sends the outbox's forms itself.
 */
var CACHE = 'canbao-field-v1';
var SHELL = [
  '/field/index.html',
  '/field/field.js',
  '/field/texts.js',
  '/field/field.css',
  '/field/manifest.webmanifest',
  '/field/icons/icon-192.png',
  '/field/icons/icon-512.png'
];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (c) { return c.addAll(SHELL); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin
      || url.pathname.indexOf('/field/api/') === 0 || url.pathname.indexOf('/field/') !== 0) {
    return; // the browser does it as without a worker
  }
  var key = url.pathname === '/field/' ? '/field/index.html' : url.pathname;
  event.respondWith(fresh(event.request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (c) { c.put(key, copy); });
      return response;
    }
    return caches.match(key).then(function (cached) { return cached || response; });
  }, function () {
    return caches.match(key).then(function (cached) { return cached || Response.error(); });
  }));
});

/** The network's answer, or a failure after 4 s (a weak connection should not keep the page blank). */
function fresh(request) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error('slow network')); }, 4000);
    fetch(request).then(function (r) { clearTimeout(timer); resolve(r); }, function (e) { clearTimeout(timer); reject(e); });
  });
}
