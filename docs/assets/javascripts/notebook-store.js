// The learner's notebook (their own answers to the practice tasks) and action plan (the
// module summaries' checklists), kept in this browser and nowhere else.
//
// One localStorage entry, "course-notebook:" + the storage name from mkdocs.yml
// (extra.storage_name, through this script's data-course attribute):
// {"version": 1, "entries": {ACTIVITY_ID: {"text", "at"}}, "plan": {ITEM_ID: {"done", "at"}}}
// with "at" in milliseconds. Keys hold no address or release (courseware/notebook.py), so
// the same notebook opens on the web, offline and in every release.
//
// window.courseNotebook: all() -> the whole object; put(id, text); setPlan(id, done);
// replace(data). Each change fires "coursenotebookchange" on window. Damaged or unreadable
// storage reads as an empty notebook, and nothing here throws: the page always works.
(function () {
  "use strict";
  if (window.courseNotebook) return;  // instant navigation runs page scripts again

  var script = document.currentScript;
  var KEY = "course-notebook:" + ((script && script.getAttribute("data-course")) || "course");
  var FORMAT = 1;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function validTime(at) {
    return typeof at === "number" && isFinite(at);
  }

  function validEntry(entry) {
    return isObject(entry) && typeof entry.text === "string" && validTime(entry.at);
  }

  function validPlan(entry) {
    return isObject(entry) && typeof entry.done === "boolean" && validTime(entry.at);
  }

  // A notebook holding only what is sound in data: anything else is left behind.
  function cleaned(data) {
    var notebook = { version: FORMAT, entries: {}, plan: {} };
    if (!isObject(data) || data.version !== FORMAT) return notebook;
    if (isObject(data.entries)) {
      Object.keys(data.entries).forEach(function (id) {
        var entry = data.entries[id];
        if (validEntry(entry)) notebook.entries[id] = { text: entry.text, at: entry.at };
      });
    }
    if (isObject(data.plan)) {
      Object.keys(data.plan).forEach(function (id) {
        var entry = data.plan[id];
        if (validPlan(entry)) notebook.plan[id] = { done: entry.done, at: entry.at };
      });
    }
    return notebook;
  }

  function read() {
    try {
      return cleaned(JSON.parse(localStorage.getItem(KEY)));
    } catch (error) {
      return cleaned(null);  // damaged, or storage switched off: start clean
    }
  }

  function write(notebook) {
    try {
      localStorage.setItem(KEY, JSON.stringify(notebook));
    } catch (error) {
      return false;  // storage full or switched off: the page still works, nothing is kept
    }
    try {
      window.dispatchEvent(new CustomEvent("coursenotebookchange"));
    } catch (error) { /* a very old browser: the change is stored all the same */ }
    return true;
  }

  function validId(id) {
    return typeof id === "string" && id.length > 0;
  }

  window.courseNotebook = {
    key: KEY,
    all: read,
    // Keep the learner's text for an activity. The same text again changes nothing, so its
    // time stays the time it was last changed (loading a progress file compares times).
    put: function (id, text) {
      if (!validId(id)) return false;
      text = typeof text === "string" ? text : String(text === undefined || text === null ? "" : text);
      var notebook = read();
      var before = notebook.entries[id];
      if (before && before.text === text) return true;
      notebook.entries[id] = { text: text, at: Date.now() };
      return write(notebook);
    },
    setPlan: function (id, done) {
      if (!validId(id)) return false;
      var notebook = read();
      var before = notebook.plan[id];
      if (before && before.done === !!done) return true;
      notebook.plan[id] = { done: !!done, at: Date.now() };
      return write(notebook);
    },
    // The whole notebook at once (a progress file, a reset): what is not sound is dropped.
    replace: function (data) {
      return write(cleaned(data));
    }
  };
})();
