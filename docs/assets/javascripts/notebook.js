// The practice notebook on the page: the box for the learner's own answer before each model
// answer, the action plan's boxes on a module summary, and the page "My notebook". The
// build writes all of it (courseware/pages/notebook.py); this keeps what is written in the
// course's store (store.js, window.courseNotebook), fills it back in, and asks for an attempt before the
// model answer opens. Without this script the boxes stay hidden and the checklists as they
// were, so the page works as it always did.
(function () {
  "use strict";
  var C = window.courseContract;  // the names shared with courseware/pages/notebook.py (contract.js)
  var DATA = C.data;
  var CLASSES = C.classes;
  var SAVE_AFTER_MS = 500;  // after the learner stops typing, so a word is not a write
  var LOCKED = " (write yours first)";
  var EMPTY = "Not written yet";
  var SAVED = "Saved in this browser";
  var NOT_SAVED = "Not saved: this browser is not keeping notes (its storage may be full or switched off). "
    + "Copy your answer somewhere safe.";
  // Typing not yet saved, by activity id; shared by every run of this script, because
  // instant navigation runs it again on each page.
  var pending = window.courseNotebookPending || (window.courseNotebookPending = {});

  function hasAttr(name) { return "[" + name + "]"; }  // a selector: elements with that attribute

  // Views on "My notebook" that hold something written.
  var WRITTEN_VIEW = hasAttr(DATA.notebookView) + ":not(" + hasAttr(DATA.notebookEmpty) + ")";

  function store() {
    return window.courseNotebook;
  }

  function entries() {
    return store() ? store().all().entries : {};
  }

  function written(text) {
    return typeof text === "string" && text.trim() !== "";
  }

  function save(id) {
    var waiting = pending[id];
    if (!waiting) return;
    clearTimeout(waiting.timer);
    delete pending[id];
    var ok = store() && store().put(id, waiting.area.value);
    if (waiting.status) waiting.status.textContent = ok ? SAVED : NOT_SAVED;
  }

  function saveAll() {
    Object.keys(pending).forEach(save);
  }

  // --- the box before a model answer -------------------------------------------------------

  function setupEntry(entry) {
    if (entry.hasAttribute(DATA.ready)) return;
    entry.setAttribute(DATA.ready, "1");
    var id = entry.getAttribute(DATA.notebookEntry);
    var area = entry.querySelector(hasAttr(DATA.notebookText));
    var status = entry.querySelector("[role=status]");
    var answer = entry.nextElementSibling;
    var modelAnswer = answer && answer.matches("details" + hasAttr(DATA.notebookAnswer));
    var summary = modelAnswer ? answer.querySelector("summary") : null;
    var label = summary ? summary.textContent : "";
    var saved = entries()[id];
    if (saved) area.value = saved.text;

    // The model answer opens once there is an attempt to compare it with.
    function lock() {
      if (!summary) return;
      summary.textContent = written(area.value) ? label : label + LOCKED;
    }
    lock();
    if (summary && !written(area.value)) answer.open = false;
    if (summary) {
      summary.addEventListener("click", function (event) {
        if (answer.open || written(area.value)) return;
        event.preventDefault();
        status.textContent = "Write your answer in the box first, then open \u201c" + label + "\u201d.";
        area.focus();
      });
    }
    area.addEventListener("input", function () {
      lock();
      var waiting = pending[id] || (pending[id] = { area: area, status: status });
      waiting.area = area;
      waiting.status = status;
      clearTimeout(waiting.timer);
      waiting.timer = setTimeout(function () { save(id); }, SAVE_AFTER_MS);
    });
    area.addEventListener("blur", function () { save(id); });
    entry.hidden = false;
  }

  // --- the action plan ---------------------------------------------------------------------

  var PLAN_NOT_SAVED = "Not saved: this browser is not keeping your ticks (its storage may be full or "
    + "switched off), so that box is back as it was.";

  // Each checklist gets a status line below it, there from the start so that a screen
  // reader announces what is later written in it.
  function planStatus(box) {
    var list = box.closest("ul");
    if (!list) return null;
    var status = list.nextElementSibling;
    if (!status || !status.classList.contains(CLASSES.planStatus)) {
      status = document.createElement("p");
      status.className = CLASSES.planStatus;
      status.setAttribute("role", "status");
      list.parentNode.insertBefore(status, list.nextSibling);
    }
    return status;
  }

  function setupPlanBox(box) {
    if (box.hasAttribute(DATA.ready)) return;
    box.setAttribute(DATA.ready, "1");
    var status = planStatus(box);
    box.addEventListener("change", function () {
      if (!store()) return;
      var kept = store().setPlan(box.getAttribute(DATA.planItem), box.checked);
      if (!kept) box.checked = !box.checked;
      if (status) status.textContent = kept ? "" : PLAN_NOT_SAVED;
    });
    box.disabled = false;
  }

  // --- "My notebook" -------------------------------------------------------------------------

  function plainText(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink, ." + CLASSES.copyLink + ", .visually-hidden").forEach(function (extra) {
      extra.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function today() {
    return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  // The notebook as a document of its own: one HTML file, its styles inside it and no
  // script, which opens in any web browser and in Word and prints well (a Markdown file
  // was a puzzle on a work PC). Only what is written, as on paper; the whole action plan.
  var DOCUMENT_STYLE = "body{font-family:Calibri,Arial,sans-serif;font-size:11pt;line-height:1.45;"
    + "max-width:42em;margin:2em auto;padding:0 1em;color:#1a1a1a}h1{font-size:20pt}h2{font-size:16pt;"
    + "margin-top:1.6em}h3{font-size:13pt;margin-top:1.4em}h4{font-size:11pt;margin:1.2em 0 0.3em}"
    + "h5{font-size:11pt;font-style:italic;font-weight:normal;margin:0.8em 0 0.2em}"
    + ".answer{white-space:pre-wrap;border-left:3px solid #999;padding-left:0.8em;margin:0 0 1em}"
    + "ul.plan{list-style:none;padding-left:0}ul.plan li{margin:0.3em 0}"
    + "@media print{body{margin:0;max-width:none}h4,h5,.answer,li{break-inside:avoid}"
    + "h2,h3,h4,h5{break-after:avoid}}";

  function asDocument(actions) {
    var notes = entries();
    var doc = document.implementation.createHTMLDocument("");
    var body = doc.body.appendChild(doc.createElement("main"));
    var title = "My notebook: " + actions.getAttribute(DATA.courseTitle);
    doc.documentElement.lang = "en-GB";
    var charset = doc.createElement("meta");
    charset.setAttribute("charset", "utf-8");
    doc.head.prepend(charset);
    doc.title = title;
    doc.head.appendChild(doc.createElement("style")).textContent = DOCUMENT_STYLE;
    function add(parent, tag, text, className) {
      var element = parent.appendChild(doc.createElement(tag));
      if (text !== undefined) element.textContent = text;
      if (className) element.className = className;
      return element;
    }
    add(body, "h1", title);
    add(body, "p", "Downloaded from this browser on " + today() + ".");
    add(body, "h2", "My answers");
    var any = false;
    document.querySelectorAll(hasAttr(DATA.notebookModule)).forEach(function (module) {
      var moduleHeading = null;
      module.querySelectorAll(hasAttr(DATA.notebookLesson)).forEach(function (lesson) {
        var lessonHeading = null;
        lesson.querySelectorAll(hasAttr(DATA.notebookView)).forEach(function (view) {
          var entry = notes[view.getAttribute(DATA.notebookView)];
          if (!entry || !written(entry.text)) return;
          any = true;
          moduleHeading = moduleHeading || add(body, "h3", module.getAttribute(DATA.notebookModule));
          lessonHeading = lessonHeading || add(body, "h4", lesson.getAttribute(DATA.notebookLesson));
          add(body, "h5", plainText(view.querySelector("h5")));
          add(body, "p", entry.text.trim(), "answer");
        });
      });
    });
    if (!any) add(body, "p", plainText(document.querySelector(hasAttr(DATA.notebookNothing))));
    add(body, "h2", "My action plan");
    document.querySelectorAll(hasAttr(DATA.notebookPlanModule)).forEach(function (module) {
      add(body, "h3", module.getAttribute(DATA.notebookPlanModule));
      var list = add(body, "ul", undefined, "plan");
      module.querySelectorAll(hasAttr(DATA.planItem)).forEach(function (box) {
        add(list, "li", (box.checked ? "\u2611 Done: " : "\u2610 To do: ") + plainText(box.closest("label")));
      });
    });
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  }

  function download(actions) {
    var name = "my-notebook.html";
    var blob = new Blob([asDocument(actions)], { type: "text/html;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    actions.querySelector("[role=status]").textContent = "Your notebook was downloaded as " + name
      + ", a document that opens in any web browser or in Word. You will find it where your browser "
      + "keeps downloads.";
  }

  function setupActions(actions) {
    if (actions.hasAttribute(DATA.ready)) return;
    actions.setAttribute(DATA.ready, "1");
    actions.querySelector(hasAttr(DATA.notebookPrint)).addEventListener("click", function () {
      saveAll();
      window.print();
    });
    actions.querySelector(hasAttr(DATA.notebookDownload)).addEventListener("click", function () {
      saveAll();
      download(actions);
    });
  }

  // --- everything on the page, from the store --------------------------------------------------

  function render() {
    if (!store()) return;
    var notebook = store().all();
    document.querySelectorAll(hasAttr(DATA.notebookEntry)).forEach(function (entry) {
      var id = entry.getAttribute(DATA.notebookEntry);
      var area = entry.querySelector(hasAttr(DATA.notebookText));
      var saved = notebook.entries[id];
      // Never under the learner's fingers: only a box they are not typing in follows a
      // change made elsewhere (another tab, a progress file loaded, everything cleared).
      if (pending[id] || area === document.activeElement) return;
      var text = saved ? saved.text : "";
      if (area.value !== text) area.value = text;
      var answer = entry.nextElementSibling;
      var summary = answer && answer.querySelector("summary");
      if (summary && entry.hasAttribute(DATA.ready)) {
        var label = summary.textContent.replace(LOCKED, "");
        summary.textContent = written(text) ? label : label + LOCKED;
      }
    });
    document.querySelectorAll(hasAttr(DATA.planItem)).forEach(function (box) {
      var saved = notebook.plan[box.getAttribute(DATA.planItem)];
      box.checked = !!(saved && saved.done);
    });
    document.querySelectorAll(hasAttr(DATA.notebookView)).forEach(function (view) {
      var saved = notebook.entries[view.getAttribute(DATA.notebookView)];
      var text = view.querySelector(hasAttr(DATA.notebookViewText));
      var has = !!(saved && written(saved.text));
      text.textContent = has ? saved.text.trim() : EMPTY;
      text.classList.toggle(CLASSES.notebookViewEmpty, !has);
      view.toggleAttribute(DATA.notebookEmpty, !has);
    });
    // Paper gets only what is written (notebook.css): a lesson or module with nothing
    // written is marked too, and the line that says nothing is written shows when so.
    var parts = hasAttr(DATA.notebookLesson) + ", " + hasAttr(DATA.notebookModule);
    document.querySelectorAll(parts).forEach(function (part) {
      part.toggleAttribute(DATA.notebookEmpty, !part.querySelector(WRITTEN_VIEW));
    });
    var nothing = document.querySelector(hasAttr(DATA.notebookNothing));
    if (nothing) nothing.hidden = !!document.querySelector(WRITTEN_VIEW);
  }

  function setup() {
    if (!store()) return;  // the store did not load: leave the page as the build wrote it
    document.querySelectorAll(hasAttr(DATA.notebookEntry)).forEach(setupEntry);
    document.querySelectorAll(hasAttr(DATA.planItem)).forEach(setupPlanBox);
    document.querySelectorAll(hasAttr(DATA.notebookActions)).forEach(setupActions);
    render();
  }

  if (!window.courseNotebookListening) {
    window.courseNotebookListening = true;
    // Any change, this tab's or another's (store.js tells of those too).
    window.addEventListener(C.events.notebookChange, function () { render(); });
    // Leaving the page (or the browser) with a sentence not yet saved: save it now.
    window.addEventListener("pagehide", function () { saveAll(); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
