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
// Nothing is lost: every write reads the store afresh and changes only the questions it
// is about, so two tabs (or a review page left open) never undo each other's answers;
// other tabs hear of a change through the browser's storage event. What one answer may
// hold is capped (MAX_VALUES, MAX_VALUE_LENGTH), so no answer can crowd out the rest.
// When the browser refuses to store (full, or switched off) the page says so in words:
// "courseanswersnotsaved" on window, which progress.js shows. A store written by a format
// this script cannot read is kept under KEY + ":unreadable" before anything replaces it.
//
// mkdocs-quiz keeps its progress per page in localStorage; the course gives it
// courseAnswers.pageStorage instead (courseware/quizzes.py wraps quiz.js so that its
// "localStorage" is this object), which shows it the answers to the questions on the
// current page and takes back only what it changed since. The review page marks the
// answered questions it asks again with data-review-ask: mkdocs-quiz sees them
// unanswered, their stored answers stay until a new answer replaces them, and that answer
// counts as a review even when it is the same as before.
(function () {
  "use strict";
  if (window.courseAnswers) return;  // instant navigation runs page scripts again

  var script = document.currentScript;
  var KEY = "course-answers:" + ((script && script.getAttribute("data-course")) || "course");
  var UNREADABLE_KEY = KEY + ":unreadable";
  var LEGACY_PREFIX = "quiz_progress_";  // mkdocs-quiz's own keys, from releases before this store
  var FORMAT = 1;
  // The most one answer keeps: options chosen (a question has at most six) or blanks
  // filled, and the characters of each (an option's key is 10; a typed answer is short).
  var MAX_VALUES = 12;
  var MAX_VALUE_LENGTH = 200;
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;  // as quizzes/schema.json allows

  function validValues(values) {
    if (values === undefined) return true;
    if (!Array.isArray(values) || values.length > MAX_VALUES) return false;
    return values.every(function (value) { return typeof value === "string" && value.length <= MAX_VALUE_LENGTH; });
  }

  function validEntry(entry) {
    return !!entry && typeof entry === "object" && typeof entry.answered === "boolean"
      && typeof entry.correct === "boolean" && validValues(entry.selectedValues);
  }

  function codeOf(id) {
    var codes = window.courseQuestionCodes;
    return codes && Object.prototype.hasOwnProperty.call(codes, id) ? codes[id] : null;
  }

  // Whether a stored answer still belongs to the question with this id in this release.
  function current(id, entry) {
    var code = codeOf(id);
    return typeof id === "string" && ID.test(id) && validEntry(entry) && (code === null || entry.code === code);
  }

  function readRaw() {
    try {
      return localStorage.getItem(KEY);
    } catch (error) {
      return null;  // storage switched off
    }
  }

  // The store as this format reads it, or null when there is something it cannot read.
  function parse(raw) {
    if (raw === null) return { version: FORMAT, answers: {} };
    try {
      var data = JSON.parse(raw);
      if (data && data.version === FORMAT && data.answers && typeof data.answers === "object"
          && !Array.isArray(data.answers)) return data;
    } catch (error) { /* damaged */ }
    return null;
  }

  function readAll() {
    var data = parse(readRaw()) || { answers: {} };
    var answers = {};
    Object.keys(data.answers).forEach(function (id) {
      if (current(id, data.answers[id])) answers[id] = data.answers[id];
    });
    return answers;
  }

  function tell(name) {
    try {
      window.dispatchEvent(new CustomEvent(name));
    } catch (error) { /* a very old browser: nothing to tell with */ }
  }

  // Apply change(stored answers) to the store as it is now, and write it back. Answers to
  // ids this release does not know stay as they are. Returns whether the browser kept it.
  function update(change) {
    var raw = readRaw();
    var data = parse(raw);
    try {
      if (data === null) {  // another format, or damaged: keep a copy before replacing it
        if (localStorage.getItem(UNREADABLE_KEY) === null) localStorage.setItem(UNREADABLE_KEY, raw);
        data = { version: FORMAT, answers: {} };
      }
      var answers = {};
      Object.keys(data.answers).forEach(function (id) {
        if (current(id, data.answers[id])) answers[id] = data.answers[id];
      });
      change(answers);
      localStorage.setItem(KEY, JSON.stringify({ version: FORMAT, answers: answers }));
    } catch (error) {
      tell("courseanswersnotsaved");  // full or switched off: the page still works
      return false;
    }
    tell("courseanswerschange");
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
    var kept = update(function (answers) {
      legacy.forEach(function (key) {
        try {
          var page = JSON.parse(localStorage.getItem(key));
          Object.keys(page || {}).forEach(function (id) {
            if (!answers[id] && current(id, page[id])) answers[id] = page[id];
          });
        } catch (error) { /* an unreadable old entry is dropped */ }
      });
    });
    if (kept) legacy.forEach(function (key) { localStorage.removeItem(key); });
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

  // What a new answer keeps: no more than MAX_VALUES values of MAX_VALUE_LENGTH characters.
  function capped(values) {
    return (Array.isArray(values) ? values : []).slice(0, MAX_VALUES).map(function (value) {
      return String(value).slice(0, MAX_VALUE_LENGTH);
    });
  }

  // The page's answers as last handed to mkdocs-quiz, by id (as JSON): what it hands back
  // unchanged is not its news, so it is not written over what another tab wrote since.
  var given = {};

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
    // Set the answers to `ids` to `entries` (an id missing from entries is cleared);
    // every other answer stays as the store holds it now.
    put: function (ids, entries) {
      return update(function (answers) {
        ids.forEach(function (id) {
          var entry = entries[id];
          if (!entry || typeof entry !== "object" || !entry.answered) {
            delete answers[id];
            return;
          }
          var values = capped(entry.selectedValues);
          if (!validEntry({ answered: true, correct: entry.correct, selectedValues: values })) return;
          var before = answers[id];
          var same = before && before.correct === entry.correct
            && JSON.stringify(before.selectedValues) === JSON.stringify(values);
          var stored = { answered: true, correct: entry.correct, selectedValues: values,
            at: same && before.at && !entry.review ? before.at : Date.now() };
          var code = codeOf(id);
          if (code !== null) stored.code = code;
          var reviews = reviewsAfter(before, entry);
          if (reviews) stored.reviews = reviews;
          answers[id] = stored;
        });
      });
    },
    clear: function (ids) {
      if (!ids) {  // everything, with any copy kept aside: nothing of it stays behind
        try {
          localStorage.removeItem(KEY);
          localStorage.removeItem(UNREADABLE_KEY);
        } catch (error) { return false; }
        tell("courseanswerschange");
        return true;
      }
      return courseAnswers.put(ids, {});
    },
    // What mkdocs-quiz sees as localStorage: the page's answers under any key it asks for.
    pageStorage: {
      getItem: function () {
        var found = courseAnswers.get(pageIds());
        Array.prototype.forEach.call(askedAgain(), function (quiz) { delete found[quiz.id]; });
        given = {};
        Object.keys(found).forEach(function (id) { given[id] = JSON.stringify(found[id]); });
        return Object.keys(found).length ? JSON.stringify(found) : null;
      },
      // mkdocs-quiz writes the whole page as it knows it; only the questions whose answer
      // it changed since it last read are written, so a stale page changes nothing else.
      setItem: function (key, value) {
        var entries = JSON.parse(value);
        var changed = pageIds().filter(function (id) {
          var now = entries[id] === undefined ? undefined : JSON.stringify(entries[id]);
          if (now === given[id]) return false;
          if (now === undefined) delete given[id];
          else given[id] = now;
          return true;
        });
        if (!changed.length) return;
        Array.prototype.forEach.call(askedAgain(), function (quiz) {
          if (entries[quiz.id]) {  // answered again just now
            entries[quiz.id].review = true;
            quiz.removeAttribute("data-review-ask");
          }
        });
        courseAnswers.put(changed, entries);  // a refusal is told by "courseanswersnotsaved"
      },
      // mkdocs-quiz calls this only when it judges its own saved data damaged or too large.
      // The course's store checks every answer itself, and clearing goes through
      // courseAnswers.clear, so nothing is removed here.
      removeItem: function () {}
    }
  };

  foldInLegacy();
  window.courseAnswers = courseAnswers;
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) tell("courseanswerschange");  // another tab
  });
})();
