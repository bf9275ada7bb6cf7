// "Review my questions": of every question in the course (written into the page at build
// time, courseware/pages/review.py), show the ones worth another go: answered wrong, not tried
// yet, or answered right long enough ago to be due again. The gaps between reviews come
// from the page (data-intervals, in days): a right answer comes back after the first, and
// each time it is answered right again here it waits for the next, longer one.
//
// This script runs after store.js and before mkdocs-quiz's quiz.js. An answered question
// it asks again gets data-review-ask, so quiz.js shows it fresh while the stored answer
// stays until a new one replaces it (store.js). The new answer goes to the course's one
// store, so the lesson and "My progress" count it too.
(function () {
  "use strict";
  var C = window.courseContract;  // the names shared with courseware/pages/review.py (contract.js)
  var DATA = C.data;
  var CLASSES = C.classes;

  var TO_REVIEW = ["wrong", "untried", "due"];
  var WORDS = { wrong: "answered wrong", untried: "not tried yet", due: "due for another look" };

  function controls() {
    return document.querySelector("." + CLASSES.reviewControls);
  }

  function intervals() {
    var days = (controls().getAttribute(DATA.intervals) || "").split(" ").map(Number).filter(function (n) {
      return n > 0;
    });
    return days.length ? days : [1];
  }

  function answers() {
    return window.courseAnswers ? window.courseAnswers.all() : {};
  }

  // The first day (from midnight, local time) a right answer is due again; null when the
  // answer carries no time (saved by an old release), which makes it due now.
  function dueDay(entry) {
    if (typeof entry.at !== "number") return null;
    var gaps = intervals();
    var reviews = entry.reviews > 0 ? Math.floor(entry.reviews) : 0;
    var day = new Date(entry.at);
    day.setHours(0, 0, 0, 0);
    day.setDate(day.getDate() + gaps[Math.min(reviews, gaps.length - 1)]);
    return day;
  }

  function stateOf(entry, now) {
    if (!entry || !entry.answered) return "untried";
    if (!entry.correct) return "wrong";
    var due = dueDay(entry);
    return !due || due.getTime() <= now ? "due" : "done";
  }

  function ids(element) {
    return (element.getAttribute(DATA.quizIds) || "").split(" ").filter(Boolean);
  }

  function dateText(day) {
    var options = { weekday: "long", day: "numeric", month: "long" };
    if (day.getFullYear() !== new Date().getFullYear()) options.year = "numeric";
    return day.toLocaleDateString("en-GB", options);
  }

  function list(parts) {
    return parts.length > 1 ? parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1] : parts[0];
  }

  // "5 questions to review: 2 answered wrong and 3 not tried yet.", or when nothing is
  // left, when the next question comes back.
  function sentence(questionIds, store, now, where) {
    var counts = { wrong: 0, untried: 0, due: 0 };
    var next = null;
    questionIds.forEach(function (id) {
      var state = stateOf(store[id], now);
      if (state in counts) {
        counts[state] += 1;
      } else {
        var due = dueDay(store[id]);
        if (due && (!next || due < next)) next = due;
      }
    });
    var total = counts.wrong + counts.untried + counts.due;
    if (total === 0) {
      return "Nothing to review" + where + " today" + (next ? ": come back on " + dateText(next) + "." : ".");
    }
    var parts = TO_REVIEW.filter(function (state) { return counts[state]; }).map(function (state) {
      return counts[state] + " " + WORDS[state];
    });
    return total + (total === 1 ? " question" : " questions") + " to review" + where + ": " + list(parts) + ".";
  }

  function quizzes() {
    return Array.prototype.slice.call(document.querySelectorAll(".quiz[id]"));
  }

  function chosen() {
    var checked = document.querySelector("." + CLASSES.reviewFilter + " input:checked");
    return checked ? checked.value : "review";
  }

  function shows(filter, state) {
    if (filter === "all") return true;
    if (filter === "review") return TO_REVIEW.indexOf(state) !== -1;
    return filter === state;
  }

  // Which questions to show: decided when the page opens and when the learner picks
  // another group, never while they answer, so a question stays put with its feedback.
  // A few at a time: answered wrong first, then due again, then not tried yet, each in
  // course order; the rest wait for "Show more".
  var PRIORITY = { wrong: 0, due: 1, untried: 2, done: 3 };
  var waiting = [];

  function sort(now) {
    var store = answers();
    var filter = chosen();
    var matching = [];
    quizzes().forEach(function (quiz, place) {
      var state = stateOf(store[quiz.id], now);
      quiz.setAttribute(DATA.reviewState, state);
      quiz.classList.add(CLASSES.reviewHidden);
      if (shows(filter, state)) matching.push({ quiz: quiz, rank: PRIORITY[state] * 100000 + place });
    });
    waiting = matching.sort(function (a, b) { return a.rank - b.rank; }).map(function (item) { return item.quiz; });
    var note = document.querySelector("." + CLASSES.reviewFilterNote);
    if (note) {
      note.textContent = waiting.length ? ""
        : "No question is in this group today. Choose another group above to see more.";
    }
    reveal(false);
  }

  function reveal(moveFocus) {
    var size = Number(controls().getAttribute(DATA.batch)) || 10;
    var next = waiting.splice(0, size);
    next.forEach(function (quiz) { quiz.classList.remove(CLASSES.reviewHidden); });
    var shown = {};
    quizzes().forEach(function (quiz) { if (!quiz.classList.contains(CLASSES.reviewHidden)) shown[quiz.id] = true; });
    document.querySelectorAll("." + CLASSES.reviewFrom).forEach(function (from) {
      from.classList.toggle(CLASSES.reviewHidden, !ids(from).some(function (id) { return shown[id]; }));
    });
    var more = document.querySelector("." + CLASSES.reviewMore);
    if (more) {
      more.hidden = waiting.length === 0;
      more.textContent = "Show " + Math.min(size, waiting.length) + " more (" + waiting.length + " left)";
    }
    if (moveFocus && next.length) {
      // Keyboard and screen reader users go on from the first question just shown.
      var first = quizzes().filter(function (quiz) { return next.indexOf(quiz) !== -1; })[0];
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  }

  function count() {
    var store = answers();
    var now = Date.now();
    var all = quizzes().map(function (quiz) { return quiz.id; });
    var summary = document.querySelector("." + CLASSES.reviewSummary);
    if (summary) summary.textContent = sentence(all, store, now, "");
    document.querySelectorAll("." + CLASSES.reviewCount).forEach(function (line) {
      line.textContent = sentence(ids(line), store, now, " in this module");
    });
  }

  function setup() {
    var widget = controls();
    if (!widget) return;
    var now = Date.now();
    var store = answers();
    // Before quiz.js reads the answers: an answered question due again, or answered
    // wrong, is asked afresh.
    quizzes().forEach(function (quiz) {
      var state = stateOf(store[quiz.id], now);
      if (store[quiz.id] && (state === "wrong" || state === "due")) quiz.setAttribute(DATA.reviewAsk, "");
    });
    sort(now);
    count();
    widget.querySelectorAll("." + CLASSES.reviewFilter + " input").forEach(function (choice) {
      choice.addEventListener("change", function () { sort(Date.now()); });
    });
    var more = document.querySelector("." + CLASSES.reviewMore);
    if (more) more.addEventListener("click", function () { reveal(true); });
    widget.setAttribute(DATA.ready, "");
  }

  if (!window.courseReviewListening) {
    window.courseReviewListening = true;
    // Instant navigation keeps this listener on every page after: it acts only here.
    window.addEventListener(C.events.answersChange, function () { if (controls()) count(); });
    window.addEventListener("storage", function () { if (controls()) count(); });
  }
  setup();
})();
