// The learner's progress on the page: the course, a module, the "My progress" table and
// each quiz page's own panel. The build writes every widget in full, as for a learner
// who has answered nothing (courseware/progress.py), so this only fills in numbers and
// links and nothing on the page moves. Answers come from store.js (this browser only);
// answers to questions this release no longer has are not counted, as the widgets list
// only the ids of this release's questions. Another tab's answers arrive through
// store.js, which turns the browser's storage event into "courseanswerschange".
(function () {
  "use strict";

  function ids(element) {
    return (element.getAttribute("data-quiz-ids") || "").split(" ").filter(Boolean);
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
    var text = widget.querySelector("[data-progress-text]");
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
    var link = widget.querySelector("[data-progress-next]");
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
    document.querySelectorAll(".course-progress").forEach(function (widget) {
      var scope = widget.getAttribute("data-module");
      showSummary(widget, count(ids(widget), answers), scope && scope !== "full" && scope !== "record" ? " in this module" : "");
      if (scope === "") showNext(widget, answers);
      widget.querySelectorAll("tr[data-quiz-ids]").forEach(function (row) {
        var stats = count(ids(row), answers);
        var cells = row.querySelectorAll("td");
        (row.querySelector("[data-answered]") || cells[cells.length - 2]).textContent =
          stats.answered + " of " + stats.total;
        (row.querySelector("[data-correct]") || cells[cells.length - 1]).textContent = String(stats.correct);
      });
    });
    document.querySelectorAll(".quiz-page-progress").forEach(function (panel) {
      var stats = count(ids(panel), answers);
      showSummary(panel, stats, " on this page");
      panel.querySelector("[data-progress-clear]").disabled = stats.answered === 0;
    });
  }

  // The conversations table (courseware/conversations.py): how many of each conversation's
  // endings the learner has reached, from store.js.
  function renderConversations() {
    if (!window.courseConversations) return;
    var paths = window.courseConversations.all();
    document.querySelectorAll("tr[data-conversation-row]").forEach(function (row) {
      var path = paths[row.getAttribute("data-conversation-row")];
      var cell = row.querySelector("[data-reached]");
      var total = row.getAttribute("data-endings");
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
    say(panel, ".quiz-page-progress__status", "Your answers on this page have been cleared.");
  }

  function resetAll(widget) {
    if (!window.confirm("Clear your answers to every question in this course, in this browser? This cannot be undone.")) return;
    window.courseAnswers.clear();
    say(widget, ".course-progress__status", "Your progress has been reset.");
  }

  function setup() {
    document.querySelectorAll("[data-progress-clear]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () { clearPage(button.closest(".quiz-page-progress")); });
    });
    document.querySelectorAll("[data-progress-reset]").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () { resetAll(button.closest(".course-progress")); });
    });
    render();
    renderConversations();
  }

  // store.js could not store an answer: say so where the learner is looking, in words.
  var NOT_SAVED = "This browser did not keep your last answer (its storage may be full or switched off). "
    + "It shows on this page, but it will be gone when you leave. Save your progress to a file if you can, "
    + "or free some space and answer again.";

  function notSaved() {
    document.querySelectorAll(".quiz-page-progress").forEach(function (panel) {
      say(panel, ".quiz-page-progress__status", NOT_SAVED);
    });
    document.querySelectorAll(".course-progress").forEach(function (widget) {
      say(widget, ".course-progress__status", NOT_SAVED);
    });
  }

  if (!window.courseProgressListening) {
    window.courseProgressListening = true;
    window.addEventListener("courseanswerschange", render);
    window.addEventListener("courseanswersnotsaved", notSaved);
    window.addEventListener("courseconversationschange", renderConversations);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
