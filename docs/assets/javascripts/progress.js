// Course-wide quiz progress, read in the browser from what mkdocs-quiz saves in
// localStorage (one entry per page: "quiz_progress_" + path -> {questionId: {answered,
// correct, …}}). No server, works offline. window.courseProgressMap (progress-map.js,
// written at build time) lists each module's pages and their question ids: answers to
// questions this release no longer has, and entries that do not parse, are ignored.
(function () {
  "use strict";
  var PREFIX = "quiz_progress_";

  function siteRoot() {
    var config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base.replace(/\/?$/, "/"), location.href);
  }

  function savedAnswers(pathname) {
    try {
      var data = JSON.parse(localStorage.getItem(PREFIX + pathname));
      return data && typeof data === "object" && !Array.isArray(data) ? data : {};
    } catch (error) {
      return {};
    }
  }

  function pageStats(root, page) {
    var data = savedAnswers(new URL(page.url, root).pathname);
    var stats = { total: page.ids.length, answered: 0, correct: 0 };
    page.ids.forEach(function (id) {
      var entry = data[id];
      if (entry && typeof entry === "object" && entry.answered === true) {
        stats.answered += 1;
        if (entry.correct === true) stats.correct += 1;
      }
    });
    return stats;
  }

  function add(a, b) {
    return { total: a.total + b.total, answered: a.answered + b.answered, correct: a.correct + b.correct };
  }

  function moduleStats(root, module) {
    return module.pages.reduce(function (sum, page) { return add(sum, pageStats(root, page)); },
      { total: 0, answered: 0, correct: 0 });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function summary(stats, label) {
    var text = stats.answered === 0
      ? "You have not answered any of the " + stats.total + " questions yet."
      : "You have answered " + stats.answered + " of " + stats.total + " questions, " + stats.correct + " of them correctly.";
    return el("p", { class: "course-progress__summary" }, [
      el("progress", { max: String(stats.total), value: String(stats.answered), "aria-label": label }),
      " " + text
    ]);
  }

  function link(root, url, text) {
    return el("a", { href: new URL(url, root).href }, [text]);
  }

  function fullTable(root, map) {
    var rows = [];
    map.modules.forEach(function (module) {
      var stats = moduleStats(root, module);
      rows.push(el("tr", { class: "course-progress__module" }, [
        el("th", { scope: "row" }, [link(root, module.url, module.title)]),
        el("td", {}, [stats.answered + " of " + stats.total]),
        el("td", {}, [String(stats.correct)])
      ]));
      module.pages.forEach(function (page) {
        var s = pageStats(root, page);
        rows.push(el("tr", {}, [
          el("td", {}, [link(root, page.url, page.title)]),
          el("td", {}, [s.answered + " of " + s.total]),
          el("td", {}, [String(s.correct)])
        ]));
      });
    });
    return el("table", {}, [
      el("caption", {}, ["Questions answered and answered correctly, by module and page"]),
      el("thead", {}, [el("tr", {}, [
        el("th", { scope: "col" }, ["Module or page"]),
        el("th", { scope: "col" }, ["Answered"]),
        el("th", { scope: "col" }, ["Correct"])
      ])]),
      el("tbody", {}, rows)
    ]);
  }

  function resetButton(root, rerender) {
    var button = el("button", { type: "button", class: "md-button" }, ["Reset my progress"]);
    button.addEventListener("click", function () {
      if (!window.confirm("Clear your answers to every quiz in this course, on this browser? This cannot be undone.")) return;
      var rootPath = root.pathname;
      Object.keys(localStorage).forEach(function (key) {
        if (key.indexOf(PREFIX + rootPath) === 0) localStorage.removeItem(key);
      });
      rerender();
      var status = document.querySelector(".course-progress__status");
      if (status) status.textContent = "Your progress has been reset.";
    });
    return button;
  }

  function render() {
    var map = window.courseProgressMap;
    if (!map) return;
    var root = siteRoot();
    document.querySelectorAll(".course-progress").forEach(function (widget) {
      var scope = widget.getAttribute("data-module");
      var rerender = function () { render(); };
      var children;
      if (scope === "full") {
        var total = map.modules.reduce(function (sum, m) { return add(sum, moduleStats(root, m)); },
          { total: 0, answered: 0, correct: 0 });
        children = [summary(total, "Course progress"), fullTable(root, map),
          el("p", {}, [resetButton(root, rerender)]),
          el("p", { class: "course-progress__status", role: "status" }, [])];
      } else if (scope) {
        var module = map.modules.filter(function (m) { return m.id === scope; })[0];
        if (!module) return;
        children = [summary(moduleStats(root, module), "Progress in this module")];
      } else {
        var all = map.modules.reduce(function (sum, m) { return add(sum, moduleStats(root, m)); },
          { total: 0, answered: 0, correct: 0 });
        children = [summary(all, "Course progress")];
        if (map.progressUrl) children.push(el("p", {}, [link(root, map.progressUrl, "See your progress by module")]));
      }
      widget.replaceChildren.apply(widget, children);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
