// The learner's answers to the course's questions, kept in this browser and nowhere else.
//
// One entry per question id, whichever page, release or copy of the course (the web
// site, an offline zip in any folder) it was answered on, so answers survive a new
// release and a question answered on a review page counts everywhere. Stored under one
// key whose name comes from mkdocs.yml (extra.storage_name) through this script's
// data-course attribute: {"version": 1, "answers": {id: {answered, correct,
// selectedValues, at, reviews, code}}}: `at` is when the answer was last given, `reviews`
// (left out when 0, so older entries need nothing new) how many times in a row a right
// answer has been given again on the review page (review.js spaces the reviews by it),
// and `code` the question's code when it was answered.
//
// A question's code (window.courseQuestionCodes, from assets/quiz/question-codes.js;
// courseware/banks.py makes it) changes when its options or its key change. An answer
// whose code is not its question's code now was given to other options: it is dropped,
// never shown as an answer to the new ones or counted. Answers to ids this release does
// not have are kept, for the release that has them.
//
// mkdocs-quiz keeps its progress per page in localStorage; the course gives it
// courseAnswers.pageStorage instead (courseware/quizzes.py wraps quiz.js so that its
// "localStorage" is this object), which shows it the answers to the questions on the
// current page and takes its changes back. The review page marks the answered questions
// it asks again with data-review-ask: mkdocs-quiz sees them unanswered, their stored
// answers stay until a new answer replaces them, and that answer counts as a review even
// when it is the same as before.
(function () {
  "use strict";
  if (window.courseAnswers) return;  // instant navigation runs page scripts again

  var script = document.currentScript;
  var KEY = "course-answers:" + ((script && script.getAttribute("data-course")) || "course");
  var LEGACY_PREFIX = "quiz_progress_";  // mkdocs-quiz's own keys, from releases before this store
  var FORMAT = 1;

  function validEntry(entry) {
    return entry && typeof entry === "object" && typeof entry.answered === "boolean"
      && typeof entry.correct === "boolean" && Array.isArray(entry.selectedValues || []);
  }

  function codeOf(id) {
    var codes = window.courseQuestionCodes;
    return codes && Object.prototype.hasOwnProperty.call(codes, id) ? codes[id] : null;
  }

  // Whether a stored answer still belongs to the question with this id in this release.
  function current(id, entry) {
    var code = codeOf(id);
    return validEntry(entry) && (code === null || entry.code === code);
  }

  function readAll() {
    var data;
    try {
      data = JSON.parse(localStorage.getItem(KEY));
    } catch (error) {
      data = null;  // damaged: start clean rather than fail the page
    }
    var answers = {};
    if (data && data.version === FORMAT && data.answers && typeof data.answers === "object") {
      Object.keys(data.answers).forEach(function (id) {
        if (current(id, data.answers[id])) answers[id] = data.answers[id];
      });
    }
    return answers;
  }

  function writeAll(answers) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ version: FORMAT, answers: answers }));
    } catch (error) {
      return false;  // storage full or switched off: the page still works, nothing is kept
    }
    window.dispatchEvent(new CustomEvent("courseanswerschange"));
    return true;
  }

  // Answers saved by mkdocs-quiz before this store existed, one key per page address:
  // folded in once (question ids are the same), so no learner starts again; as they carry
  // no code, only those to ids this release does not have survive.
  function foldInLegacy() {
    var legacy = [];
    try {
      for (var i = 0; i < localStorage.length; i += 1) {
        var key = localStorage.key(i);
        if (key && key.indexOf(LEGACY_PREFIX) === 0) legacy.push(key);
      }
    } catch (error) {
      return;
    }
    if (!legacy.length) return;
    var answers = readAll();
    legacy.forEach(function (key) {
      try {
        var page = JSON.parse(localStorage.getItem(key));
        Object.keys(page || {}).forEach(function (id) {
          if (!answers[id] && current(id, page[id])) answers[id] = page[id];
        });
      } catch (error) { /* an unreadable old entry is dropped */ }
    });
    if (writeAll(answers)) legacy.forEach(function (key) { localStorage.removeItem(key); });
  }

  function pageIds() {
    return Array.prototype.map.call(document.querySelectorAll(".quiz[id]"), function (quiz) { return quiz.id; });
  }

  function askedAgain() {
    return document.querySelectorAll(".quiz[id][data-review-ask]");
  }

  // How many reviews in a row an answer has behind it: a right answer given again at
  // review adds one, a right answer otherwise keeps the count, a wrong one ends it.
  function reviewsAfter(before, entry) {
    if (!entry.correct || !before || !before.correct) return 0;
    var reviews = before.reviews > 0 ? Math.floor(before.reviews) : 0;
    return entry.review ? reviews + 1 : reviews;
  }

  var courseAnswers = {
    key: KEY,
    all: readAll,
    current: current,
    get: function (ids) {
      var answers = readAll();
      var found = {};
      ids.forEach(function (id) { if (answers[id]) found[id] = answers[id]; });
      return found;
    },
    // Replace the answers to `ids` with `entries` (an id missing from entries is cleared).
    put: function (ids, entries) {
      var answers = readAll();
      ids.forEach(function (id) {
        var entry = entries[id];
        if (!validEntry(entry) || !entry.answered) {
          delete answers[id];
          return;
        }
        var before = answers[id];
        var same = before && before.correct === entry.correct
          && JSON.stringify(before.selectedValues) === JSON.stringify(entry.selectedValues);
        var stored = { answered: true, correct: entry.correct, selectedValues: entry.selectedValues || [],
          at: same && before.at && !entry.review ? before.at : Date.now() };
        var code = codeOf(id);
        if (code !== null) stored.code = code;
        var reviews = reviewsAfter(before, entry);
        if (reviews) stored.reviews = reviews;
        answers[id] = stored;
      });
      return writeAll(answers);
    },
    clear: function (ids) {
      if (!ids) {
        try { localStorage.removeItem(KEY); } catch (error) { return false; }
        window.dispatchEvent(new CustomEvent("courseanswerschange"));
        return true;
      }
      return courseAnswers.put(ids, {});
    },
    // What mkdocs-quiz sees as localStorage: the page's answers under any key it asks for.
    pageStorage: {
      getItem: function () {
        var found = courseAnswers.get(pageIds());
        Array.prototype.forEach.call(askedAgain(), function (quiz) { delete found[quiz.id]; });
        return Object.keys(found).length ? JSON.stringify(found) : null;
      },
      setItem: function (key, value) {
        var entries = JSON.parse(value);
        var stored = courseAnswers.get(pageIds());
        Array.prototype.forEach.call(askedAgain(), function (quiz) {
          if (entries[quiz.id]) {  // answered again just now
            entries[quiz.id].review = true;
            quiz.removeAttribute("data-review-ask");
          } else if (stored[quiz.id]) {  // not answered yet here: keep the stored answer
            entries[quiz.id] = stored[quiz.id];
          }
        });
        courseAnswers.put(pageIds(), entries);
      },
      removeItem: function () {
        courseAnswers.clear(pageIds());
      }
    }
  };

  foldInLegacy();
  window.courseAnswers = courseAnswers;
})();
