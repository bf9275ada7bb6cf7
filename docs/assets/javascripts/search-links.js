// Material adds "?h=terms" to each search result's link, so the page it opens highlights
// the terms; for a page whose own text lacks the terms (only its sections have them) it
// writes an empty "?h=". Such a link loses the empty parameter here.
(function () {
  "use strict";
  var list = document.querySelector(".md-search-result__list");
  if (!list || !window.MutationObserver) return;
  new MutationObserver(function () {
    list.querySelectorAll('a[href*="h="]').forEach(function (link) {
      var url = new URL(link.href);
      if (url.searchParams.has("h") && !url.searchParams.get("h").trim()) {
        url.searchParams.delete("h");
        link.href = url.href;
      }
    });
  }).observe(list, { childList: true, subtree: true });
})();
