// The SCORM launcher: one LMS session per launch, holding the course in a frame.
//
// A SCO may initialise only once per launch, and the course is many pages, so this page
// holds the session and shows the course, unchanged, in a same-origin frame. The LMS is
// the source of truth for the learner's answers: at launch its saved state replaces what
// this browser holds (a shared hot-desk PC, or a new revision of the package at a new
// address, must never show someone else's or stale answers; the notebook, which stays in
// the browser, is cleared when another learner launches here). Saved data the launcher
// cannot read is left in the LMS untouched until the learner answers something, and a
// bookmark that is not an address opens the home page. While the learner works,
// each change to the answers and each page they open is sent to the LMS and committed;
// the session is finished once, when this page goes away.
//
// The conversation paths (issue 26) go the same way as the answers: in the suspend data,
// replaced from the LMS at launch, each choice an interaction.
//
// The answers are read and written through the course's store (store.js, loaded in this
// page too: same origin as the course's frame), and encoded for the LMS by
// scorm-codec.js; this page knows neither the store's keys nor its format.
(function () {
  "use strict";
  var config = window.courseScorm;
  var codec = window.courseScormCodec(config.questions, config.conversations || []);
  var frame = document.getElementById("course-frame");
  var status = document.getElementById("course-launch-status");
  var started = Date.now();
  var api = null;
  var lms = null;
  var finished = false;
  var lastLocation = null;

  // --- finding the LMS: parents first, then the opener --------------------------------

  function apiIn(win, name) {
    for (var depth = 0; win && depth < 20; depth += 1) {
      try {
        if (win[name]) return win[name];
      } catch (error) { /* a parent from another origin: keep climbing */ }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  function findApi(name) {
    var found = apiIn(window.parent !== window ? window.parent : null, name);
    if (!found && window.opener) found = apiIn(window.opener, name);
    return found;
  }

  var EDITIONS = {
    "1.2": {
      api: "API",
      initialise: function () { return api.LMSInitialize(""); },
      get: function (key) { return api.LMSGetValue(key); },
      set: function (key, value) { return api.LMSSetValue(key, value); },
      commit: function () { return api.LMSCommit(""); },
      finish: function () { return api.LMSFinish(""); },
      location: "cmi.core.lesson_location",
      learner: "cmi.core.student_id",
      report: function (stats) {
        var all = stats.answered === stats.total;
        var outcome = config.mastery === null ? "completed" : stats.raw >= config.mastery ? "passed" : "failed";
        lms.set("cmi.core.score.min", "0");
        lms.set("cmi.core.score.max", "100");
        lms.set("cmi.core.score.raw", String(stats.raw));
        lms.set("cmi.core.lesson_status", all ? outcome : "incomplete");
      },
      leave: function (stats, seconds) {
        lms.set("cmi.core.exit", stats.answered === stats.total ? "" : "suspend");
        lms.set("cmi.core.session_time", timespan12(seconds));
      }
    },
    "2004": {
      api: "API_1484_11",
      initialise: function () { return api.Initialize(""); },
      get: function (key) { return api.GetValue(key); },
      set: function (key, value) { return api.SetValue(key, value); },
      commit: function () { return api.Commit(""); },
      finish: function () { return api.Terminate(""); },
      location: "cmi.location",
      learner: "cmi.learner_id",
      report: function (stats) {
        var all = stats.answered === stats.total;
        lms.set("cmi.score.min", "0");
        lms.set("cmi.score.max", "100");
        lms.set("cmi.score.raw", String(stats.raw));
        lms.set("cmi.score.scaled", String(round(stats.correct / stats.total)));
        lms.set("cmi.progress_measure", String(round(stats.answered / stats.total)));
        lms.set("cmi.completion_status", all ? "completed" : "incomplete");
        lms.set("cmi.success_status", !all || config.mastery === null ? "unknown"
          : stats.raw >= config.mastery ? "passed" : "failed");
      },
      leave: function (stats, seconds) {
        lms.set("cmi.exit", stats.answered === stats.total ? "normal" : "suspend");
        lms.set("cmi.session_time", duration2004(seconds));
      }
    }
  };

  // Seven decimal places: SCORM 2004's real(10,7) holds them and 1.2's CMIDecimal takes them.
  // A score rounded to a whole number read 0 after one right answer of 237.
  function round(value) {
    return Math.round(value * 10000000) / 10000000;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function timespan12(seconds) {  // CMITimespan: HHHH:MM:SS.SS
    var hours = Math.min(9999, Math.floor(seconds / 3600));
    var rest = seconds - hours * 3600;
    return pad(hours) + ":" + pad(Math.floor(rest / 60)) + ":" + pad(Math.floor(rest % 60)) + ".00";
  }

  function duration2004(seconds) {  // ISO 8601 duration
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    return "PT" + hours + "H" + minutes + "M" + Math.floor(seconds % 60) + "S";
  }

  // --- answers: this browser's store <-> the LMS's suspend data ------------------------

  function readBrowser() {
    return window.courseAnswers.all();
  }

  function readPaths() {  // the learner's conversation paths, kept with the answers (issue 26)
    return window.courseConversations.all();
  }

  function stats(answers) {
    var result = { total: config.questions.length, answered: 0, correct: 0, raw: 0 };
    config.questions.forEach(function (question) {
      var entry = answers[question.id];
      if (entry && entry.answered && entry.code === question.code) {
        result.answered += 1;
        if (entry.correct) result.correct += 1;
      }
    });
    result.raw = result.total ? round((100 * result.correct) / result.total) : 0;
    return result;
  }

  // --- talking to the LMS -------------------------------------------------------------

  // True while the LMS holds saved data this package cannot read (a newer package's, say):
  // it is left as it is until the learner answers something here.
  var keepUnread = false;

  // Question-level reports (scorm-interactions.js): set up at launch, below.
  var interactions = null;

  function sendAnswers() {
    if (finished || keepUnread) return;
    var answers = readBrowser();
    var paths = readPaths();
    lms.set("cmi.suspend_data", codec.encode(answers, paths));
    lms.edition.report(stats(answers));
    // --- call site: each answer given, and each conversation choice made (issue 26), since
    // the last send, as an interaction; one the LMS refuses changes nothing above ---
    if (interactions) {
      interactions.send(answers);
      interactions.sendPaths(paths);
    }
    lms.commit();
  }

  // The page the learner is on, as a path inside the package, or null.
  function pageInPackage(href) {
    var base = location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
    var path = String(href || "").replace(/[?#].*$/, "");
    if (path.indexOf(base) !== 0) return null;
    path = path.slice(base.length);
    return config.pages.indexOf(path) !== -1 ? path : null;
  }

  function sendLocation() {
    var page;
    try {
      page = pageInPackage(frame.contentWindow.location.href);
    } catch (error) {
      page = null;  // the frame left the package
    }
    if (finished || !page || page === lastLocation) return;
    lastLocation = page;
    lms.set(lms.edition.location, page);
    lms.commit();
  }

  function leave() {
    if (finished || !lms) return;
    sendAnswers();
    sendLocation();
    lms.edition.leave(stats(readBrowser()), (Date.now() - started) / 1000);
    lms.commit();
    finished = true;
    lms.finish();
  }

  function watchFrame() {
    sendLocation();
    try {
      var events = window.courseContract.events;  // contract.js, loaded first in this page too
      [events.answersChange, events.conversationsChange].forEach(function (name) {
        frame.contentWindow.addEventListener(name, function () {
          keepUnread = false;
          sendAnswers();
        });
      });
    } catch (error) { /* the frame left the package: nothing to watch */ }
  }

  function open(page) {
    frame.addEventListener("load", watchFrame);
    frame.src = page;
    frame.hidden = false;
    status.textContent = "";
  }

  var edition = EDITIONS[config.edition];
  api = findApi(edition.api);
  if (!api) {
    // Opened on its own, outside an LMS: the course works as the offline copy does.
    location.replace("index.html");
    return;
  }
  lms = {
    edition: edition, get: edition.get, set: edition.set, commit: edition.commit, finish: edition.finish
  };
  if (String(edition.initialise()) !== "true") {
    status.textContent = "The course could not start a session with your learning system. "
      + "Close this window and open the course again from the learning system.";
    return;
  }
  var saved = lms.get("cmi.suspend_data");
  keepUnread = !codec.readable(saved);
  // The notebook stays in this browser (it would not fit in the LMS's saved data), for the
  // learner who wrote it; the LMS's answers replace whatever this browser holds.
  window.courseNotebook.keepFor(String(lms.get(edition.learner) || ""));
  window.courseAnswers.replaceAll(codec.decode(saved));
  window.courseConversations.replaceAll(codec.decodePaths(saved));  // the paths too (issue 26)
  // --- call site: the answers and paths held now were reported when they were given ---
  interactions = window.courseScormInteractions.reporter(config.edition, config.questions, lms, readBrowser(),
                                                         config.conversations || [], readPaths());
  var bookmark = null;
  try {
    bookmark = pageInPackage(new URL(String(lms.get(edition.location) || ""), location.href).href);
  } catch (error) {
    bookmark = null;  // not an address at all: start from the home page
  }
  lastLocation = bookmark;
  sendAnswers();
  window.addEventListener("pagehide", leave);
  window.addEventListener("beforeunload", leave);
  window.courseScormSession = {  // for the tests and LMS support staff
    encode: codec.encode, decode: codec.decode, decodePaths: codec.decodePaths, leave: leave,
    interactionsRefused: function () { return interactions.refused(); }  // the LMS's limit was reached
  };
  open(bookmark || "index.html");
})();
