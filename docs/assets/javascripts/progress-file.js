// Progress that travels: save everything this browser holds for the course (quiz answers,
// notebook, action plan) to one file, load it on another computer, or clear it all; and
// the course record's notebook column and date. Nothing is sent anywhere: the file is
// made and read inside the browser.
//
// The file: {"format": FORMAT, "version": 1, "course": storage name, "courseVersion",
// "savedAt", "answers": {id: entry}, "notebook": {"entries": {id: {text, at}},
// "plan": {id: {done, at}}}}: the envelope is this script's, "answers" and "notebook" are
// the course's store as it exports them (store.js, window.courseStore), each item with its
// time. Loading merges item by item through the store, and for an item held in both places
// the one changed last wins, so loading an older file never undoes newer work. A file that
// is not ours, is damaged, belongs to another course or comes from a newer format is
// refused, and nothing changes.
(function () {
  "use strict";
  var C = window.courseContract;  // the names shared with courseware/pages/progress.py (contract.js)
  var DATA = C.data;
  var CLASSES = C.classes;
  var FORMAT = C.storage.progressFileFormat;
  var VERSION = C.storage.progressFileVersion;
  var READING = "Reading ";  // the status while a chosen file is read; tests wait past it

  function hasAttr(name) { return "[" + name + "]"; }  // a selector: elements with that attribute
  // Inside an LMS package the LMS keeps the quiz answers and the conversation paths
  // (scorm-launch.js): a file may bring notes and plan ticks in, but never those, and
  // clearing leaves them alone.
  var IN_LMS = (function () {
    try {
      return window.parent !== window && !!window.parent.courseScormSession;
    } catch (error) {
      return false;
    }
  })();

  // "1 answer", "3 answers": a count with its noun.
  function count(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function snapshot(widget) {
    var saved = window.courseStore.exportAll();
    return {
      format: FORMAT, version: VERSION, course: widget.getAttribute(DATA.course),
      courseVersion: widget.getAttribute(DATA.version) || null,
      savedAt: new Date().toISOString(),
      answers: saved.answers,
      notebook: saved.notebook
    };
  }

  function save(widget) {
    var data = snapshot(widget);
    var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "course-progress-" + data.savedAt.slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    var answers = Object.keys(data.answers).length;
    var notes = Object.keys(data.notebook.entries).length;
    say(widget, "Saved " + count(answers, "answer", "answers") + " and " + count(notes, "notebook entry", "notebook entries")
      + " to " + link.download
      + ". Keep the file somewhere you can reach from your other computer.");
  }

  // Everything wrong with a file, as one sentence for the learner; null when it can be loaded.
  function problemWith(data, course) {
    if (!isObject(data) || data.format !== FORMAT) {
      return "This file is not a progress file from this course, so nothing was loaded.";
    }
    if (typeof data.version !== "number" || data.version > VERSION) {
      return "This file was saved by a newer release of the course than this one. Open it in the "
        + "newer course, or ask for this copy to be updated. Nothing was loaded.";
    }
    if (data.course !== course) {
      return "This progress file belongs to a different course, so nothing was loaded.";
    }
    if (!isObject(data.answers) || !isObject(data.notebook) || !isObject(data.notebook.entries)
        || !isObject(data.notebook.plan)) {
      return "This progress file is damaged, so nothing was loaded. Your progress here is unchanged.";
    }
    return null;
  }

  function load(widget, text) {
    var course = widget.getAttribute(DATA.course);
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      say(widget, "This file is damaged or is not a progress file, so nothing was loaded. Your progress here is unchanged.");
      return;
    }
    var problem = problemWith(data, course);
    if (problem) {
      say(widget, problem);
      return;
    }
    // In an LMS the answers and paths are not touched at all: the LMS holds them, and a change
    // would send the launcher's copy over saved data it could not read (kept until the learner answers).
    // An answer given to other options of a question (an earlier release) is left out.
    var taken = window.courseStore.importAll(data, IN_LMS ? ["notebook"] : ["answers", "notebook", "conversations"]);
    if (taken === null) {
      say(widget, "This progress file is damaged, so nothing was loaded. Your progress here is unchanged.");
      return;
    }
    if (taken === false) {
      say(widget, "This browser would not store the progress (its storage may be full or switched off), so nothing was loaded.");
      return;
    }
    var fromAnswers = taken.answers || 0;
    var fromNotes = taken.entries;
    var fromPlan = taken.plan;
    var parts = (IN_LMS ? [] : [count(fromAnswers, "answer", "answers")])
      .concat([count(fromNotes, "notebook entry", "notebook entries"), count(fromPlan, "action-plan item", "action-plan items")])
      .concat(taken.paths ? [count(taken.paths, "conversation", "conversations")] : []);
    say(widget, (IN_LMS ? "Your answers and conversations come from your learning system, so only your notes were loaded: "
      : "Loaded ")
      + parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1]
      + " from the file. Where this browser held something newer, it was kept.");
  }

  function clearEverything(widget) {
    if (IN_LMS) {
      if (!window.confirm("Clear your notebook and action plan in this browser? Your answers and conversations stay in your learning system.")) return;
    } else {
      if (!window.confirm("Clear every answer, notebook entry, action-plan tick and conversation for this course in this browser? "
          + "Save your progress to a file first if you may want it back.")) return;
    }
    window.courseStore.clearAll(IN_LMS ? ["notebook"] : ["answers", "notebook", "conversations"]);
    say(widget, IN_LMS ? "Your notebook and action plan have been cleared from this browser."
      : "Everything for this course has been cleared from this browser.");
  }

  function say(widget, text) {
    widget.querySelector("." + CLASSES.progressFileStatus).textContent = text;
  }

  // The course record: notebook entries by module, and today's date.
  function fillRecord() {
    var record = document.querySelector("." + CLASSES.courseProgress + "[" + DATA.module + "=record]");
    if (!record) return;
    var entries = window.courseNotebook.all().entries;  // only sound entries
    record.querySelectorAll("tr" + hasAttr(DATA.recordModule)).forEach(function (row) {
      var prefix = "modules/" + row.getAttribute(DATA.recordModule) + "/";
      var written = Object.keys(entries).filter(function (id) {
        return id.indexOf(prefix) === 0 && entries[id].text.trim();
      }).length;
      row.querySelector(hasAttr(DATA.notebookCount)).textContent = String(written);
    });
    var date = record.querySelector(hasAttr(DATA.recordDate));
    if (date) date.textContent = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function setup() {
    document.querySelectorAll("." + CLASSES.progressFile).forEach(function (widget) {
      if (widget.hasAttribute(DATA.ready)) return;
      widget.setAttribute(DATA.ready, "1");
      widget.querySelector(hasAttr(DATA.progressSave)).addEventListener("click", function () { save(widget); });
      widget.querySelector(hasAttr(DATA.progressClearAll)).addEventListener("click", function () {
        clearEverything(widget);
      });
      var input = widget.querySelector(hasAttr(DATA.progressLoad));
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file) return;
        // Said at once, so the result that follows is always news to a screen reader.
        say(widget, READING + file.name + "\u2026");
        file.text().then(function (text) { load(widget, text); input.value = ""; },
          function () { say(widget, "This file could not be read, so nothing was loaded."); });
      });
    });
    fillRecord();
  }

  if (!window.courseProgressFileListening) {
    window.courseProgressFileListening = true;
    window.addEventListener(C.events.notebookChange, fillRecord);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
