// "Copy link" beside every heading and quiz question: copies the absolute address of
// that place, for a trainer to paste into a chat or a slide, and says so visibly and to
// screen readers. Runs on every page, including those that instant navigation swaps in.
// A heading's button takes the place of its ¶ permalink: one control, one tab stop. On a
// touch screen a heading's button shows once the heading is tapped (course.css), so a
// learner's page is not lined with buttons; a question's is always there.
(function () {
  "use strict";
  var CLASSES = window.courseContract.classes;  // the names shared with courseware/pages/quizzes.py (contract.js)

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {  // file:// and plain http on an intranet
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      area.remove();
      ok ? resolve() : reject(new Error("copy refused"));
    });
  }

  function button(target, label) {
    var control = document.createElement("button");
    control.type = "button";
    control.className = CLASSES.copyLink;
    control.setAttribute("aria-label", "Copy link to " + label);
    control.setAttribute("data-copy-target", target.id);
    control.textContent = "Copy link";
    control.addEventListener("click", function () {
      var url = new URL("#" + target.id, location.href).href;
      copy(url).then(function () {
        control.textContent = "Link copied";
        control.classList.add("copy-link--done");
        announce("Link copied: " + url);
        setTimeout(function () {
          control.textContent = "Copy link";
          control.classList.remove("copy-link--done");
        }, 2500);
      }, function () {
        announce("Could not copy. The link is: " + url);
      });
    });
    return control;
  }

  function announce(text) {
    var region = document.getElementById("copy-link-status");
    if (region) region.textContent = text;
  }

  function setup() {
    var content = document.querySelector(".md-content");
    if (!content || content.querySelector("." + CLASSES.copyLink)) return;
    if (!document.getElementById("copy-link-status")) {
      var region = document.createElement("div");
      region.id = "copy-link-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    content.querySelectorAll("h2[id], h3[id], h4[id]").forEach(function (heading) {
      var permalink = heading.querySelector(".headerlink");
      if (permalink) permalink.replaceWith(button(heading, "the section " + heading.textContent.replace(/¶$/, "").trim()));
    });
    content.querySelectorAll("div.quiz[id]").forEach(function (quiz) {
      var anchor = quiz.querySelector("." + CLASSES.quizToolbar + " ." + CLASSES.quizHeaderLink);
      if (anchor) anchor.after(button(quiz, anchor.textContent.trim().replace(/^Question/, "question")));
    });
  }

  // A tap on a heading shows its Copy link (only one heading's at a time).
  document.addEventListener("click", function (event) {
    var heading = event.target.closest && event.target.closest("h2[id], h3[id], h4[id]");
    if (!heading || !heading.querySelector("." + CLASSES.copyLink)) return;
    document.querySelectorAll(".copy-link-shown").forEach(function (other) {
      if (other !== heading) other.classList.remove("copy-link-shown");
    });
    heading.classList.add("copy-link-shown");
  });

  // Material announces each page, including those instant navigation swaps in; the page
  // that loads first is set up here too, so a copy of the course where Material's
  // announcement never comes (file://) still gets its buttons. setup() runs once a page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
