// Quick exit: the button, Shift pressed three times, or Escape pressed twice, in a row, replace
// this page with a neutral site. location.replace drops this page from the history, so Back
// does not return to it.
//
// This file is loaded in <head> without defer, so the key listener is in place before the page
// has even been drawn: the very first keystroke after load already counts. It listens on the
// window in the capture phase, so no field or widget can swallow the keys.
(function () {
  "use strict";
  var root = document.documentElement;
  var WINDOW_MS = 1500;
  var NEEDED = { Shift: 3, Escape: 2 };
  var streak = { key: null, times: [] };

  function leave() {
    var target = root.getAttribute("data-exit-url") || "about:blank";
    try {
      // Hide the page at once, even before the neutral site has loaded.
      if (document.body) { document.body.hidden = true; }
      document.title = "";
    } catch (e) { /* keep going: leaving matters more */ }
    window.location.replace(target);
  }

  function keyName(event) {
    if (event.key === "Esc") { return "Escape"; }  // older browsers
    return event.key;
  }

  window.addEventListener("keydown", function (event) {
    var key = keyName(event);
    if (!NEEDED[key]) {
      // Only presses in a row count: typing capitals between two Shifts starts over.
      streak.key = null;
      streak.times = [];
      return;
    }
    if (event.repeat) { return; }  // holding a key down is one press
    var now = Date.now();
    if (streak.key !== key) {
      streak.key = key;
      streak.times = [];
    }
    streak.times.push(now);
    while (streak.times.length && now - streak.times[0] > WINDOW_MS) { streak.times.shift(); }
    if (streak.times.length >= NEEDED[key]) {
      streak.times = [];
      leave();
    }
  }, true);

  // The button works without this script (it is a plain link); with it, the page is replaced
  // in the history rather than added to it.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest && event.target.closest("#quick-exit");
    if (link && !event.defaultPrevented && event.button === 0) {
      event.preventDefault();
      leave();
    }
  }, true);
})();
