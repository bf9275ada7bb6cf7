// Glossary terms (courseware/model/glossary.py) show their definition in the theme's tooltip
// when pointed at, tapped or reached with the Tab key. Escape hides it without moving
// focus or the pointer (WCAG 1.4.13). The theme makes a new tooltip each time one opens,
// so the next hover, tap or focus shows it again. ".md-tooltip2" is the theme's class:
// this file is the one place the course relies on it.
(function () {
  "use strict";
  if (window.courseGlossaryListening) return;
  window.courseGlossaryListening = true;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".md-tooltip2").forEach(function (tip) { tip.style.display = "none"; });
  });
  // The theme puts each open tooltip at the end of the page, outside its landmarks. The
  // term's description (aria-describedby) still reads it; reading the page through, a
  // screen reader does not meet the definition a second time, stranded at the end.
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.classList && node.classList.contains("md-tooltip2")) node.setAttribute("aria-hidden", "true");
      });
    });
  }).observe(document.body, { childList: true });
})();
