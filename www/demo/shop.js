// The demo shop's own script: shows the JS API, window.Kefu(...), from the host page.
window.Kefu = window.Kefu || function () { (window.Kefu.q = window.Kefu.q || []).push(arguments); };
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('open-chat');
  if (button) button.addEventListener('click', function () { window.Kefu('open'); });
  // A real shop mints the shopper token on its own server after its login; the demo backend
  // stands in for that with /demo/sign-in (demo secret only).
  var signIn = document.getElementById('sign-in');
  if (!signIn) return;
  var signedIn = false;
  signIn.addEventListener('click', function () {
    if (signedIn) {
      window.Kefu('identify', null);
      signedIn = false;
      signIn.textContent = '登录 Sign in (demo)';
      return;
    }
    fetch('/demo/sign-in', { method: 'POST' })
      .then(function (r) { if (!r.ok) throw new Error('sign-in ' + r.status); return r.json(); })
      .then(function (body) {
        window.Kefu('identify', { token: body.token });
        signedIn = true;
        signIn.textContent = '王小明 · 退出 Sign out';
      })
      .catch(function () { signIn.textContent = '登录失败 Sign-in failed'; });
  });
});
// Like a real shop's monitoring, record main-thread long tasks (> 50 ms) so
// the widget's cost to the page can be measured (the browser tests read this).
window.shopLongTasks = [];
if (window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).indexOf('longtask') >= 0) {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { window.shopLongTasks.push({ start: e.startTime, duration: e.duration }); });
  }).observe({ type: 'longtask', buffered: true });
}
