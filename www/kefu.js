/*! Kefu loader: the only script a storefront waits for. MIT OR Apache-2.0.
 *
 * <script src="https://shop.example/kefu/kefu.js" data-api="https://shop.example/kefu/v1"
 *         data-locale="auto" data-color="#e4393c" data-shop="Acme" async></script>
 *
 * Shows the launcher at once, installs window.Kefu(...), and loads the chat
 * (Leptos UI on the main thread, engine + model in a Web Worker) only when the
 * shopper opens it or the page is idle. No inline styles or scripts: it runs
 * under a strict Content-Security-Policy (see README, "Content-Security-Policy").
 */
(function () {
  'use strict';
  if (window.__kefu) return;
  var script = document.currentScript;
  if (!script || !script.src) return;
  var base = new URL('.', script.src).href;
  var data = script.dataset;
  var perf = window.performance;
  function mark(name) { if (perf && perf.mark) perf.mark(name); }

  var config = {
    locale: resolveLocale(data.locale),
    shop: data.shop || '',
    preload: data.preload === 'open' ? 'open' : 'idle',
    faq: data.faq ? new URL(data.faq, document.baseURI).href : null,
    identity: null
  };
  // The shop backend's contract root, absolute; the engine worker calls it for order actions.
  config.api = data.api ? new URL(data.api, document.baseURI).href : null;
  var listeners = {};
  var state = { open: false, worker: null, ui: null, widget: null, failed: false };

  var host = document.createElement('div');
  host.id = 'kefu-root';
  host.setAttribute('data-kefu', '');
  // CSSOM writes are allowed under a CSP without 'unsafe-inline'; style="" is not.
  host.style.setProperty('--kefu-accent', safeColor(data.color));
  var shadow = host.attachShadow({ mode: 'open' });
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + 'kefu.css';
  shadow.appendChild(css);

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'kefu-launcher';
  launcher.setAttribute('aria-label', label('open'));
  launcher.setAttribute('aria-expanded', 'false');
  // The launcher must look right before kefu.css arrives: critical styles via CSSOM.
  var ls = launcher.style;
  ls.setProperty('position', 'fixed');
  ls.setProperty('right', '20px');
  ls.setProperty('bottom', '20px');
  ls.setProperty('width', '56px');
  ls.setProperty('height', '56px');
  ls.setProperty('border-radius', '50%');
  ls.setProperty('border', '0');
  ls.setProperty('background', 'var(--kefu-accent)');
  ls.setProperty('z-index', '2147483000');
  launcher.appendChild(bubbleIcon());
  shadow.appendChild(launcher);

  var panel = document.createElement('div');
  panel.className = 'kefu-panel';
  panel.hidden = true;
  shadow.appendChild(panel);

  launcher.addEventListener('click', function () { state.open ? close() : open(); });
  shadow.addEventListener('keydown', function (e) { if (e.key === 'Escape' && state.open) { close(); launcher.focus(); } });

  (document.body || document.documentElement).appendChild(host);
  mark('kefu:launcher');

  var queued = (window.Kefu && window.Kefu.q) || [];
  window.Kefu = api;
  window.__kefu = { version: 1 };
  for (var i = 0; i < queued.length; i++) api.apply(null, queued[i]);

  // Opt-in offline cache (see kefu-sw.js): registered after load so it never competes with the page.
  if (data.sw && 'serviceWorker' in navigator) {
    var registerSw = function () {
      navigator.serviceWorker.register(new URL(data.sw, document.baseURI).href, { scope: data.swScope || '/' })
        .catch(function (e) { if (window.console) console.warn('Kefu: offline cache unavailable:', e); });
    };
    if (document.readyState === 'complete') registerSw(); else window.addEventListener('load', registerSw);
  }

  if (config.preload === 'idle') {
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 2000); };
    idle(function () { startEngine(); loadUi(); }, { timeout: 5000 });
  }

  /** window.Kefu('open' | 'close' | 'toggle' | 'on' | 'identify', ...). */
  function api(command, arg, fn) {
    switch (command) {
      case 'open': open(); break;
      case 'close': close(); break;
      case 'toggle': state.open ? close() : open(); break;
      case 'on': if (typeof fn === 'function') (listeners[arg] = listeners[arg] || []).push(fn); break;
      // Kefu('identify', {token}) for a logged-in shopper, Kefu('identify', null) on logout.
      case 'identify':
        config.identity = (arg && typeof arg.token === 'string') ? arg.token : null;
        if (state.worker) state.worker.postMessage({ type: 'identify', token: config.identity });
        break;
      default: if (window.console) console.warn('Kefu: unknown command', command);
    }
  }

  function emit(name, detail) {
    var fns = listeners[name] || [];
    for (var i = 0; i < fns.length; i++) { try { fns[i](detail); } catch (e) { setTimeout(function () { throw e; }); } }
  }

  function open() {
    if (state.open) return;
    state.open = true;
    mark('kefu:open');
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    launcher.setAttribute('aria-label', label('close'));
    startEngine();
    loadUi().then(function (ui) {
      if (!ui) return;
      if (!state.widget) {
        try {
          state.widget = ui.mount(panel, config, state.worker, close);
          mark('kefu:mounted');
        } catch (e) { fail(e); return; }
      }
      if (state.open) state.widget.focus();
    });
    emit('open');
  }

  function close() {
    if (!state.open) return;
    state.open = false;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-label', label('open'));
    emit('close');
  }

  function startEngine() {
    if (state.worker) return;
    mark('kefu:engine-requested');
    var params = [];
    if (config.faq) params.push('faq=' + encodeURIComponent(config.faq));
    if (config.api) params.push('api=' + encodeURIComponent(config.api));
    var url = base + 'kefu-worker.js' + (params.length ? '?' + params.join('&') : '');
    try {
      state.worker = new Worker(url, { type: 'module' });
    } catch (e) {
      // Cross-origin assets (a CDN): bootstrap through a same-origin blob
      // module that imports the real one; needs `worker-src blob:`.
      var src = 'import ' + JSON.stringify(url) + ';';
      state.worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), { type: 'module' });
    }
    // The worker keeps messages that arrive while the model loads, in order.
    if (config.identity) state.worker.postMessage({ type: 'identify', token: config.identity });
  }

  function loadUi() {
    if (!state.ui) {
      state.ui = import(base + 'kefu_widget.js')
        .then(function (m) { return m.default().then(function () { return m; }); })
        .catch(function (e) { fail(e); return null; });
    }
    return state.ui;
  }

  function fail(e) {
    state.failed = true;
    if (window.console) console.error('Kefu could not start:', e);
    panel.textContent = label('failed');
    panel.classList.add('kefu-failed');
  }

  function resolveLocale(wanted) {
    var tag = (!wanted || wanted === 'auto') ? (navigator.language || 'en') : wanted;
    tag = tag.toLowerCase();
    if (/^zh-(hant|tw|hk|mo)/.test(tag)) return 'zh-Hant';
    if (/^zh/.test(tag)) return 'zh-Hans';
    return 'en';
  }

  function label(key) {
    var t = {
      'zh-Hans': { open: '打开在线客服', close: '关闭在线客服', failed: '客服暂时无法加载，请刷新页面重试。' },
      'zh-Hant': { open: '開啟線上客服', close: '關閉線上客服', failed: '客服暫時無法載入，請重新整理頁面。' },
      en: { open: 'Open customer service chat', close: 'Close customer service chat', failed: 'The chat could not load. Please reload the page.' }
    };
    return t[config.locale][key];
  }

  function safeColor(c) {
    return /^#[0-9a-fA-F]{3,8}$/.test(c || '') ? c : '#e4393c';
  }

  function bubbleIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '28');
    svg.setAttribute('height', '28');
    svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', '#fff');
    path.setAttribute('d', 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z');
    svg.appendChild(path);
    return svg;
  }
})();
