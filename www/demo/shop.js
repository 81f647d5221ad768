// The demo shop's own script: shows the JS API, window.Kefu(...), from the host page.
window.Kefu = window.Kefu || function () { (window.Kefu.q = window.Kefu.q || []).push(arguments); };
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('open-chat');
  if (button) button.addEventListener('click', function () { window.Kefu('open'); });
});
