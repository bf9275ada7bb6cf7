// The learner's progress on the page: the course, a module, the "My progress" table and
// each quiz page's own panel. The build writes every widget in full, as for a learner
// who has answered nothing (courseware/pages/progress.py), so this only fills in numbers and
// links and nothing on the page moves. Answers come from store.js (this browser only);
// answers to questions this release no longer has are not counted, as the widgets list
// only the ids of this release's questions. Another tab's answers arrive through
// store.js, which turns the browser's storage event into "courseanswerschange".
(function () {
  "use strict";
  var C = window.courseContract;  // the names shared with courseware/pages/progress.py (contract.js)
  var DATA = C.data;
  var CLASSES = C.classes;

  function hasAttr(name) { return "[" + name + "]"; }  // a selector: elements with that attribute

  function ids(element) {
    return (element.getAttribute(DATA.quizIds) || "").split(" ").filter(Boolean);
  }

  function count(questionIds, answers) {
    var stats = { total: questionIds.length, answered: 0, correct: 0 };
    questionIds.forEach(function (id) {
      var entry = answers[id];
      if (entry && entry.answered) {
        stats.answered += 1;
        if (entry.correct) stats.correct += 1;
      }
    });
    return stats;
  }

  function sentence(stats, where) {
    if (stats.answered === 0) return "You have not answered any of the " + stats.total + " questions" + where + " yet.";
    return "You have answered " + stats.answered + " of " + stats.total + " questions" + where + ", "
      + stats.correct + " of them correctly.";
  }

  function showSummary(widget, stats, where) {
    var bar = widget.querySelector("progress");
    if (bar) bar.value = stats.answered;
    var text = widget.querySelector(hasAttr(DATA.progressText));
    if (text) text.textContent = sentence(stats, where);
  }

  // Where to go next: after the furthest page the learner has answered anything on, the
  // first page with questions still unanswered; failing that, the first such page.
  function nextPage(map, answers) {
    var pages = [];
    map.modules.forEach(function (module) { pages = pages.concat(module.pages); });
    var furthest = -1;
    pages.forEach(function (page, index) { if (count(page.ids, answers).answered > 0) furthest = index; });
    if (furthest === -1) return null;
    var open = function (page) { var s = count(page.ids, answers); return s.answered < s.total; };
    return pages.slice(furthest).filter(open)[0] || pages.filter(open)[0] || "done";
  }

  function showNext(widget, answers) {
    var link = widget.querySelector(hasAttr(DATA.progressNext));
    var map = window.courseProgressMap;
    if (!link || !map) return;
    var root = new URL(JSON.parse(document.getElementById("__config").textContent).base.replace(/\/?$/, "/"),
      location.href);
    var next = nextPage(map, answers);
    if (next === "done" && map.progressUrl !== null) {
      link.textContent = "Review your answers";
      link.href = new URL(map.progressUrl, root).href;
    } else if (next && next !== "done") {
      link.textContent = "Continue where you left off: " + next.title;
      link.href = new URL(next.url, root).href;
    }
  }

  function render() {
    if (!window.courseAnswers) return;
    var answers = window.courseAnswers.all();
    document.querySelectorAll("." + CLASSES.courseProgress).forEach(function (widget) {
      var scope = widget.getAttribute(DATA.module);
      showSummary(widget, count(ids(widget), answers), scope && scope !== "full" && scope !== "record" ? " in this module" : "");
      if (scope === "") showNext(widget, answers);
      widget.querySelectorAll("tr" + hasAttr(DATA.quizIds)).forEach(function (row) {
        var stats = count(ids(row), answers);
        var cells = row.querySelectorAll("td");
        (row.querySelector(hasAttr(DATA.answered)) || cells[cells.length - 2]).textContent =
          stats.answered + " of " + stats.total;
        (row.querySelector(hasAttr(DATA.correct)) || cells[cells.length - 1]).textContent = String(stats.correct);
      });
    });
    document.querySelectorAll("." + CLASSES.quizPageProgress).forEach(function (panel) {
      var stats = count(ids(panel), answers);
      showSummary(panel, stats, " on this page");
      panel.querySelector(hasAttr(DATA.progressClear)).disabled = stats.answered === 0;
    });
  }

  // The conversations table (courseware/pages/conversation_pages.py): how many of each conversation's
  // endings the learner has reached, from store.js.
  function renderConversations() {
    if (!window.courseConversations) return;
    var paths = window.courseConversations.all();
    document.querySelectorAll("tr" + hasAttr(DATA.conversationRow)).forEach(function (row) {
      var path = paths[row.getAttribute(DATA.conversationRow)];
      var cell = row.querySelector(hasAttr(DATA.reached));
      var total = row.getAttribute(DATA.endings);
      if (!path || (!path.endings.length && !path.steps.length)) cell.textContent = "Not tried yet";
      else if (!path.endings.length) cell.textContent = "Started, no ending yet";
      else cell.textContent = path.endings.length + " of " + total;
    });
  }

  function say(container, selector, text) {
    var status = container.querySelector(selector);
    if (status) status.textContent = text;
  }

  // Clearing a page's answers goes through each question's own "Try again", so the
  // questions on screen open up again exactly as mkdocs-quiz does it for one.
  function clearPage(panel) {
    if (!window.confirm("Clear your answers to the questions on this page? Your answers elsewhere in the course stay.")) return;
    document.querySelectorAll(".quiz[id]").forEach(function (quiz) {
      var again = quiz.querySelector(".quiz-reset-button");
      if (again) again.click();
    });
    window.courseAnswers.clear(ids(panel));
    say(panel, "." + CLASSES.quizPageProgressStatus, "Your answers on this page have been cleared.");
  }

  function resetAll(widget) {
    if (!window.confirm("Clear your answers to every question in this course, in this browser? This cannot be undone.")) return;
    window.courseAnswers.clear();
    say(widget, "." + CLASSES.courseProgressStatus, "Your progress has been reset.");
  }

  function setup() {
    document.querySelectorAll(hasAttr(DATA.progressClear)).forEach(function (button) {
      if (button.hasAttribute(DATA.ready)) return;
      button.setAttribute(DATA.ready, "1");
      button.addEventListener("click", function () { clearPage(button.closest("." + CLASSES.quizPageProgress)); });
    });
    document.querySelectorAll(hasAttr(DATA.progressReset)).forEach(function (button) {
      if (button.hasAttribute(DATA.ready)) return;
      button.setAttribute(DATA.ready, "1");
      button.addEventListener("click", function () { resetAll(button.closest("." + CLASSES.courseProgress)); });
    });
    render();
    renderConversations();
  }

  // store.js could not store an answer: say so where the learner is looking, in words.
  var NOT_SAVED = "This browser did not keep your last answer (its storage may be full or switched off). "
    + "It shows on this page, but it will be gone when you leave. Save your progress to a file if you can, "
    + "or free some space and answer again.";

  function notSaved() {
    document.querySelectorAll("." + CLASSES.quizPageProgress).forEach(function (panel) {
      say(panel, "." + CLASSES.quizPageProgressStatus, NOT_SAVED);
    });
    document.querySelectorAll("." + CLASSES.courseProgress).forEach(function (widget) {
      say(widget, "." + CLASSES.courseProgressStatus, NOT_SAVED);
    });
  }

  if (!window.courseProgressListening) {
    window.courseProgressListening = true;
    window.addEventListener(C.events.answersChange, render);
    window.addEventListener(C.events.answersNotSaved, notSaved);
    window.addEventListener(C.events.conversationsChange, renderConversations);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
