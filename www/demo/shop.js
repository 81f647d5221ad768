// The demo shop's own script: shows the JS API, window.Kefu(...), from the host page.
window.Kefu = window.Kefu || function () { (window.Kefu.q = window.Kefu.q || []).push(arguments); };
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('open-chat');
  if (button) button.addEventListener('click', function () { window.Kefu('open'); });
});
// Like a real shop's monitoring, record main-thread long tasks (> 50 ms) so
// the widget's cost to the page can be measured (the browser tests read this).
window.shopLongTasks = [];
if (window.PerformanceObserver && (PerformanceObserver.supportedEntryTypes || []).indexOf('longtask') >= 0) {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (e) { window.shopLongTasks.push({ start: e.startTime, duration: e.duration }); });
  }).observe({ type: 'longtask', buffered: true });
}
