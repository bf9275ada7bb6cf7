// The course's one browser store: everything a learner saves (quiz answers, notebook and
// action plan) is read and written here, and only here, in this browser and nowhere else.
// Progress, review, the notebook, the progress file and the SCORM launcher (which loads this
// script too, in the package's parent frame) use the views below and know no key or format.
//
// Each kind of saved data is one localStorage entry named after the course's storage name
// (extra.storage_name in mkdocs.yml, through this script's data-course attribute), holding
// {"version": 1, PART: {id: item}, ...}, every item stamped with `at` (milliseconds); the
// keys' prefixes, the versions and the events are courseware/contract.py's (contract.js):
// - answers, "course-answers:NAME": {version, answers: {id: {answered, correct,
//   selectedValues, at, reviews, code}}}: `reviews` (left out when 0) is how many times in a
//   row a right answer has been given again on the review page (review.js spaces reviews by
//   it), and `code` the question's code when it was answered;
// - notebook, "course-notebook:NAME": {version, entries: {activity id: {text, at}},
//   plan: {item id: {done, at}}} (ids from courseware/pages/notebook.py: no address, no release);
// - conversations, "course-conversations:NAME": {version, paths: {conversation id: {steps:
//   ["node/choice", ...], endings: [ending node id, ...], at}}}: where a learner is in each
//   branching conversation, and the endings they have reached (conversation.js).
// Adding a kind (a learner's path through a conversation, say) is one more entry in KINDS
// and one view on window: reading, writing, keeping aside, the storage event, export,
// import and clearing go through the KINDS table, so the other kinds' readers never change.
//
// A question's code (window.courseQuestionCodes, from assets/quiz/question-codes.js;
// courseware/model/banks.py makes it) changes when its options or its key change. An answer
// whose code is not its question's code now was given to other options: it is dropped,
// never shown as an answer to the new ones or counted. Answers to ids this release does
// not have are kept, for the release that has them.
//
// Nothing is lost: every write reads the entry afresh and changes only the items it is
// about, so two tabs (or a review page left open) never undo each other's work; other tabs
// hear of a change through the browser's storage event, told on as the kind's own event.
// What one answer may hold is capped (MAX_VALUES, MAX_VALUE_LENGTH), so no answer can crowd
// out the rest. When the browser refuses to store an answer (full, or switched off) the page
// is told in words: "courseanswersnotsaved" on window, which progress.js shows. An entry in a
// format this script cannot read, or damaged, is kept under its key + ":unreadable" before
// anything replaces it, and is never thrown on: it reads as empty. Importing (a progress
// file) is all or nothing, and for an item held in both places the one changed last wins.
//
// mkdocs-quiz keeps its progress per page in localStorage; the course gives it
// courseAnswers.pageStorage instead (courseware/pages/quizzes.py wraps quiz.js so that its
// "localStorage" is this object), which shows it the answers to the questions on the
// current page and takes back only what it changed since. The review page marks the
// answered questions it asks again with data-review-ask: mkdocs-quiz sees them
// unanswered, their stored answers stay until a new answer replaces them, and that answer
// counts as a review even when it is the same as before.
(function () {
  "use strict";
  if (window.courseStore) return;  // instant navigation runs page scripts again

  var C = window.courseContract;  // contract.js: the keys, versions and events
  var script = document.currentScript;
  var NAME = (script && script.getAttribute(C.data.course)) || "course";
  var ASIDE = C.storage.unreadableSuffix;
  var LEGACY_PREFIX = C.storage.legacyPrefix;  // mkdocs-quiz's own keys, from releases before this store
  // The most one answer keeps: options chosen (a question has at most six) or blanks
  // filled, and the characters of each (an option's key is 10; a typed answer is short).
  var MAX_VALUES = 12;
  var MAX_VALUE_LENGTH = 200;
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;  // as quizzes/schema.json allows
  // A conversation's step and ending ids, as courseware/model/schemas/conversation.json allows; a
  // path is at most as long as a conversation has nodes (15), endings as many as it has.
  var STEP = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;
  var MAX_STEPS = 15;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function validTime(at) {
    return typeof at === "number" && isFinite(at);
  }

  function has(object, id) {
    return Object.prototype.hasOwnProperty.call(object, id);
  }

  // --- answers: what a sound one is ---------------------------------------------------------

  function validValues(values) {
    if (values === undefined) return true;
    if (!Array.isArray(values) || values.length > MAX_VALUES) return false;
    return values.every(function (value) { return typeof value === "string" && value.length <= MAX_VALUE_LENGTH; });
  }

  function validEntry(entry) {
    return isObject(entry) && typeof entry.answered === "boolean"
      && typeof entry.correct === "boolean" && validValues(entry.selectedValues);
  }

  function codeOf(id) {
    var codes = window.courseQuestionCodes;
    return codes && has(codes, id) ? codes[id] : null;
  }

  // Whether a stored answer still belongs to the question with this id in this release.
  function current(id, entry) {
    var code = codeOf(id);
    return typeof id === "string" && ID.test(id) && validEntry(entry) && (code === null || entry.code === code);
  }

  // --- the kinds of saved data ----------------------------------------------------------------

  // key: its localStorage entry; version: its format's; parts: each map of items in it, with
  // what a sound item is (kept as it is) and what an imported one must be too; event: told on
  // window at each change.
  var KINDS = {
    answers: {
      key: C.storage.answersPrefix + NAME,
      version: C.storage.answersVersion,
      event: C.events.answersChange,
      refused: C.events.answersNotSaved,
      parts: {
        answers: {
          sound: function (entry, id) { return current(id, entry); },
          imported: function (entry) { return entry.answered && (entry.at === undefined || validTime(entry.at)); }
        }
      },
      // In a progress file the answers are one map.
      toFile: function (data) { return data.answers; },
      fromFile: function (value) { return isObject(value) ? { answers: value } : null; }
    },
    notebook: {
      key: C.storage.notebookPrefix + NAME,
      version: C.storage.notebookVersion,
      event: C.events.notebookChange,
      parts: {
        entries: {
          sound: function (entry) { return isObject(entry) && typeof entry.text === "string" && validTime(entry.at); },
          kept: function (entry) { return { text: entry.text, at: entry.at }; }
        },
        plan: {
          sound: function (entry) { return isObject(entry) && typeof entry.done === "boolean" && validTime(entry.at); },
          kept: function (entry) { return { done: entry.done, at: entry.at }; }
        }
      },
      toFile: function (data) { return { entries: data.entries, plan: data.plan }; },
      fromFile: function (value) {
        return isObject(value) && isObject(value.entries) && isObject(value.plan) ? value : null;
      }
    },
    conversations: {
      key: C.storage.conversationsPrefix + NAME,
      version: C.storage.conversationsVersion,
      event: C.events.conversationsChange,
      parts: {
        paths: {
          sound: function (entry, id) {
            return ID.test(id) && isObject(entry) && validTime(entry.at) && Array.isArray(entry.steps)
              && entry.steps.length <= MAX_STEPS && entry.steps.every(function (step) {
                return typeof step === "string" && STEP.test(step);
              })
              && Array.isArray(entry.endings) && entry.endings.length <= MAX_STEPS
              && entry.endings.every(function (ending) { return typeof ending === "string" && ID.test(ending); });
          },
          kept: function (entry) { return { steps: entry.steps.slice(), endings: entry.endings.slice(), at: entry.at }; }
        }
      },
      toFile: function (data) { return data.paths; },
      // A progress file from before conversations were kept has none: nothing to merge.
      fromFile: function (value) {
        if (value === undefined) return { paths: {} };
        return isObject(value) ? { paths: value } : null;
      }
    }
  };
  var OWNER_KEY = C.storage.notebookOwnerPrefix + NAME;  // who the notebook in this browser belongs to (LMS)

  function empty(kind) {
    var data = { version: kind.version };
    Object.keys(kind.parts).forEach(function (part) { data[part] = {}; });
    return data;
  }

  // Only what is sound in data, in a fresh object: anything else is left behind.
  function cleaned(kind, data) {
    var clean = empty(kind);
    Object.keys(kind.parts).forEach(function (name) {
      var part = kind.parts[name];
      if (!isObject(data[name])) return;
      Object.keys(data[name]).forEach(function (id) {
        var item = data[name][id];
        if (id !== "__proto__" && part.sound(item, id)) clean[name][id] = part.kept ? part.kept(item) : item;
      });
    });
    return clean;
  }

  function readRaw(kind) {
    try {
      return localStorage.getItem(kind.key);
    } catch (error) {
      return null;  // storage switched off
    }
  }

  // The entry as this format reads it (cleaned), or null when there is something it cannot read.
  function parse(kind, raw) {
    if (raw === null) return empty(kind);
    try {
      var data = JSON.parse(raw);
      if (isObject(data) && data.version === kind.version) return cleaned(kind, data);
    } catch (error) { /* damaged */ }
    return null;
  }

  function read(kind) {
    return parse(kind, readRaw(kind)) || empty(kind);
  }

  function tell(name) {
    if (!name) return;
    try {
      window.dispatchEvent(new CustomEvent(name));
    } catch (error) { /* a very old browser: nothing to tell with */ }
  }

  // Keep a copy of an entry this format cannot read before it is replaced (the first copy:
  // a second unreadable one is the same release's doing, not the learner's older work).
  function keepAside(kind, raw) {
    if (localStorage.getItem(kind.key + ASIDE) === null) localStorage.setItem(kind.key + ASIDE, raw);
  }

  // Apply change(data) to the entry as it is now, and write it back. Returns whether the
  // browser kept it; a refusal is told by the kind's "refused" event.
  function update(kind, change) {
    var raw = readRaw(kind);
    var data = parse(kind, raw);
    try {
      if (data === null) {
        keepAside(kind, raw);
        data = empty(kind);
      }
      change(data);
      localStorage.setItem(kind.key, JSON.stringify(data));
    } catch (error) {
      tell(kind.refused);  // full or switched off: the page still works
      return false;
    }
    tell(kind.event);
    return true;
  }

  // The entry and the copy kept aside, gone: nothing of it stays behind (a shared PC).
  function remove(kind) {
    try {
      localStorage.removeItem(kind.key);
      localStorage.removeItem(kind.key + ASIDE);
    } catch (error) {
      return false;
    }
    tell(kind.event);
    return true;
  }

  // --- answers --------------------------------------------------------------------------------

  var ANSWERS = KINDS.answers;

  // Answers saved by mkdocs-quiz before this store existed, one key per page address:
  // folded in once (question ids are the same), so no learner starts again; as they carry
  // no code, only those to ids this release does not have survive. Only on a page that
  // knows this release's questions (the SCORM launcher does not: the LMS's copy replaces
  // whatever this browser holds, someone else's old keys included).
  function foldInLegacy() {
    if (!window.courseQuestionCodes) return;
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
    var kept = update(ANSWERS, function (data) {
      legacy.forEach(function (key) {
        try {
          var page = JSON.parse(localStorage.getItem(key));
          Object.keys(page || {}).forEach(function (id) {
            if (id !== "__proto__" && !data.answers[id] && current(id, page[id])) data.answers[id] = page[id];
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
    return document.querySelectorAll(".quiz[id][" + C.data.reviewAsk + "]");
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
    all: function () { return read(ANSWERS).answers; },
    current: current,
    get: function (ids) {
      var answers = courseAnswers.all();
      var found = {};
      ids.forEach(function (id) { if (answers[id]) found[id] = answers[id]; });
      return found;
    },
    // Set the answers to `ids` to `entries` (an id missing from entries is cleared);
    // every other answer stays as the store holds it now.
    put: function (ids, entries) {
      return update(ANSWERS, function (data) {
        var answers = data.answers;
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
      if (!ids) return remove(ANSWERS);  // everything, with any copy kept aside
      return courseAnswers.put(ids, {});
    },
    // For an LMS, whose copy is the one that counts: every answer this browser holds, old
    // mkdocs-quiz keys and any copy kept aside included, replaced by `answers` (as they come,
    // each with its own time). Returns whether the browser kept them.
    replaceAll: function (answers) {
      try {
        for (var i = localStorage.length - 1; i >= 0; i -= 1) {
          var key = localStorage.key(i);
          if (key && key.indexOf(LEGACY_PREFIX) === 0) localStorage.removeItem(key);
        }
        localStorage.removeItem(ANSWERS.key + ASIDE);
        localStorage.setItem(ANSWERS.key, JSON.stringify(cleaned(ANSWERS, { answers: answers })));
      } catch (error) {
        return false;  // storage switched off: the course still opens, answers live in the LMS
      }
      tell(ANSWERS.event);
      return true;
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
            quiz.removeAttribute(C.data.reviewAsk);
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

  // --- notebook -------------------------------------------------------------------------------

  var NOTEBOOK = KINDS.notebook;

  function validId(id) {
    return typeof id === "string" && id.length > 0 && id !== "__proto__";
  }

  var courseNotebook = {
    all: function () { return read(NOTEBOOK); },
    // Keep the learner's text for an activity. The same text again changes nothing, so its
    // time stays the time it was last changed (loading a progress file compares times).
    put: function (id, text) {
      if (!validId(id)) return false;
      text = typeof text === "string" ? text : String(text === undefined || text === null ? "" : text);
      var before = read(NOTEBOOK).entries[id];
      if (before && before.text === text) return true;
      return update(NOTEBOOK, function (data) { data.entries[id] = { text: text, at: Date.now() }; });
    },
    setPlan: function (id, done) {
      if (!validId(id)) return false;
      var before = read(NOTEBOOK).plan[id];
      if (before && before.done === !!done) return true;
      return update(NOTEBOOK, function (data) { data.plan[id] = { done: !!done, at: Date.now() }; });
    },
    // The whole notebook at once: what is not sound is dropped.
    replace: function (data) {
      return update(NOTEBOOK, function (notebook) {
        var clean = isObject(data) && data.version === NOTEBOOK.version ? cleaned(NOTEBOOK, data) : empty(NOTEBOOK);
        notebook.entries = clean.entries;
        notebook.plan = clean.plan;
      });
    },
    clear: function () { return remove(NOTEBOOK); },
    // The notebook stays in this browser for the learner who wrote it (the SCORM launcher
    // says who that is): when another learner, or one the LMS does not name, opens the
    // course here, it is cleared first, so nobody reads someone else's notes.
    keepFor: function (learner) {
      try {
        if (learner && localStorage.getItem(OWNER_KEY) === learner) return;
        localStorage.removeItem(NOTEBOOK.key);
        localStorage.removeItem(NOTEBOOK.key + ASIDE);
        if (learner) localStorage.setItem(OWNER_KEY, learner); else localStorage.removeItem(OWNER_KEY);
      } catch (error) { /* storage switched off: there is no notebook to show anyone */ }
    }
  };

  // --- conversations -------------------------------------------------------------------------

  var CONVERSATIONS = KINDS.conversations;

  var courseConversations = {
    all: function () { return read(CONVERSATIONS).paths; },
    get: function (id) { return read(CONVERSATIONS).paths[id] || null; },
    // Where the learner is now in conversation `id` (its steps from the start), and, when
    // that is an ending, the ending added to those reached. The same path again changes
    // nothing, so its time stays the time it last changed (a progress file compares times).
    put: function (id, steps, ending) {
      var before = courseConversations.get(id);
      var endings = before ? before.endings.slice() : [];
      if (ending && endings.indexOf(ending) < 0) endings.push(ending);
      var entry = { steps: Array.isArray(steps) ? steps.slice() : [], endings: endings, at: Date.now() };
      if (!CONVERSATIONS.parts.paths.sound(entry, id)) return false;
      if (before && JSON.stringify(before.steps) === JSON.stringify(entry.steps)
          && before.endings.length === endings.length) return true;
      return update(CONVERSATIONS, function (data) { data.paths[id] = entry; });
    },
    clear: function () { return remove(CONVERSATIONS); },
    // For an LMS, whose copy is the one that counts (as courseAnswers.replaceAll): every path
    // this browser holds, any copy kept aside included, replaced by `paths`.
    replaceAll: function (paths) {
      try {
        localStorage.removeItem(CONVERSATIONS.key + ASIDE);
        localStorage.setItem(CONVERSATIONS.key, JSON.stringify(cleaned(CONVERSATIONS, { paths: paths })));
      } catch (error) {
        return false;  // storage switched off: the paths live in the LMS
      }
      tell(CONVERSATIONS.event);
      return true;
    }
  };

  // --- every kind at once: a progress file, clearing everything -----------------------------

  var courseStore = {
    // Everything saved, each item with its time, as a progress file holds it: {KIND: ...}.
    exportAll: function () {
      var out = {};
      Object.keys(KINDS).forEach(function (name) { out[name] = KINDS[name].toFile(read(KINDS[name])); });
      return out;
    },
    // Merge `data` ({KIND: ...}, as exportAll gives it) into the kinds named (all when
    // none are), item by item: for an item held in both places the one changed last wins.
    // All or nothing: returns null when a kind's part in data is missing or damaged, false
    // when the browser refuses to store any of it (then nothing changed), or else how many
    // items came from data, by part: {answers: 3, entries: 1, plan: 0}.
    importAll: function (data, kinds) {
      var names = kinds || Object.keys(KINDS);
      var incoming = {};
      for (var n = 0; n < names.length; n += 1) {
        incoming[names[n]] = isObject(data) ? KINDS[names[n]].fromFile(data[names[n]]) : null;
        if (!incoming[names[n]]) return null;
      }
      var taken = {};
      var before = {};
      var merged = {};
      var unreadable = {};
      names.forEach(function (name) {
        var kind = KINDS[name];
        before[name] = readRaw(kind);
        merged[name] = parse(kind, before[name]);
        unreadable[name] = merged[name] === null;  // kept aside when written
        if (unreadable[name]) merged[name] = empty(kind);
        Object.keys(kind.parts).forEach(function (partName) {
          var part = kind.parts[partName];
          var ours = merged[name][partName];
          var theirs = isObject(incoming[name][partName]) ? incoming[name][partName] : {};
          taken[partName] = 0;
          Object.keys(theirs).forEach(function (id) {
            var item = theirs[id];
            if (id === "__proto__" || !part.sound(item, id) || (part.imported && !part.imported(item))) return;
            if (!has(ours, id) || (item.at || 0) > (ours[id].at || 0)) {
              ours[id] = part.kept ? part.kept(item) : item;
              taken[partName] += 1;
            }
          });
        });
      });
      var written = [];
      try {
        names.forEach(function (name) {
          var kind = KINDS[name];
          if (unreadable[name]) keepAside(kind, before[name]);
          written.push(name);
          localStorage.setItem(kind.key, JSON.stringify(merged[name]));
        });
      } catch (error) {
        written.forEach(function (name) {  // back to what they were
          try {
            if (before[name] === null) localStorage.removeItem(KINDS[name].key);
            else localStorage.setItem(KINDS[name].key, before[name]);
          } catch (again) { /* nothing more this browser will do */ }
        });
        return false;
      }
      names.forEach(function (name) { tell(KINDS[name].event); });
      return taken;
    },
    // Every kind named (all when none are) removed, with any copy kept aside.
    clearAll: function (kinds) {
      return (kinds || Object.keys(KINDS)).map(function (name) { return remove(KINDS[name]); })
        .every(Boolean);
    }
  };

  foldInLegacy();
  window.courseStore = courseStore;
  window.courseAnswers = courseAnswers;
  window.courseNotebook = courseNotebook;
  window.courseConversations = courseConversations;
  window.addEventListener("storage", function (event) {  // another tab wrote
    Object.keys(KINDS).forEach(function (name) {
      if (event.key === KINDS[name].key || event.key === null) tell(KINDS[name].event);
    });
  });
})();
