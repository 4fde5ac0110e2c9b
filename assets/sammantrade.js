/* Sammanträdesläge (/sammantrade): step through the committees' slides with the keyboard or a presentation
   clicker (arrows, Page Up/Down), Home/End, F for full screen, Esc to leave, and scale the 1920×1080 stage to the
   window. Dash serves this file on every page, so each handler first looks for the deck and does nothing when it
   is not on the page (the scale is only a CSS variable that nothing else reads). */
(function () {
  "use strict";

  function deck() {
    return document.getElementById("sammantrade-deck");
  }

  function slides(d) {
    return Array.prototype.slice.call(d.querySelectorAll(".sammantrade-slide"));
  }

  function currentIndex(d) {
    var index = slides(d).findIndex(function (s) { return s.classList.contains("is-current"); });
    return index < 0 ? 0 : index;
  }

  function show(d, index) {
    var all = slides(d);
    if (!all.length) {
      return;
    }
    var target = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (s, i) { s.classList.toggle("is-current", i === target); });
    // Keep the slide in the address so it can be linked; replaceState does not make Dash re-render the page.
    var url = new URL(window.location.href);
    url.searchParams.set("bild", String(target + 1));
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { /* refused: stay in the window */ });
    }
  }

  function leave() {
    var link = document.getElementById("sammantrade-leave");
    if (link) {
      link.click();  // a dcc.Link: back to /uppdrag with the filters, without reloading the app
    }
  }

  function act(d, action) {
    var index = currentIndex(d);
    if (action === "next") { show(d, index + 1); }
    else if (action === "prev") { show(d, index - 1); }
    else if (action === "first") { show(d, 0); }
    else if (action === "last") { show(d, slides(d).length - 1); }
    else if (action === "fullscreen") { toggleFullscreen(); }
    else if (action === "print") { window.print(); }
    else if (action === "leave") { leave(); }
  }

  // The stage is 1920×1080 CSS pixels: fit it to the window, larger or smaller, keeping its proportions.
  function fitStage() {
    var scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
    document.documentElement.style.setProperty("--sammantrade-scale", String(scale));
  }
  fitStage();
  window.addEventListener("resize", fitStage);

  var KEYS = {
    ArrowRight: "next", PageDown: "next", ArrowDown: "next",
    ArrowLeft: "prev", PageUp: "prev", ArrowUp: "prev",
    Home: "first", End: "last", f: "fullscreen", F: "fullscreen", Escape: "leave"
  };

  document.addEventListener("keydown", function (event) {
    var d = deck();
    if (!d || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var action = KEYS[event.key];
    // Typing in the chooser (municipality, meeting, agenda) is not stepping through the slides.
    if (!action || event.target.closest("input, select, textarea, .sammantrade-choose")) {
      return;
    }
    if (action === "leave" && document.fullscreenElement) {
      document.exitFullscreen();  // the first Esc leaves full screen, the next one leaves the meeting mode
    } else {
      act(d, action);
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var d = deck();
    var button = d && event.target.closest("[data-sammantrade]");
    if (button) {
      act(d, button.getAttribute("data-sammantrade"));
    }
  });
})();
