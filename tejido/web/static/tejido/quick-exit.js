// Quick exit: the button, Shift pressed three times, or Escape twice replace this page with
// a neutral site. location.replace drops this page from history, so Back does not return.
(function () {
  "use strict";
  var root = document.documentElement;
  var WINDOW_MS = 1200;
  var presses = { Shift: [], Escape: [] };

  function leave() {
    var target = root.getAttribute("data-exit-url") || "about:blank";
    try { document.body && (document.body.style.display = "none"); } catch (e) {}
    window.location.replace(target);
  }

  window.addEventListener("keydown", function (event) {
    var list = presses[event.key];
    if (!list || event.repeat) { return; }
    var now = Date.now();
    list.push(now);
    while (list.length && now - list[0] > WINDOW_MS) { list.shift(); }
    if ((event.key === "Shift" && list.length >= 3) || (event.key === "Escape" && list.length >= 2)) {
      list.length = 0;
      leave();
    }
  }, true);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#quick-exit");
    if (link) {
      event.preventDefault();
      leave();
    }
  }, true);
})();
