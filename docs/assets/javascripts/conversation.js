/* Branching conversations: turns the build's readable tree (courseware/pages/conversation_pages.py)
 * into a player. One step at a time, the choices as buttons, the conversation so far
 * above; "Go back one step" and "Start again"; at an ending, the debrief with the
 * learner's path beside the experienced one. Focus moves to each new line, and a live
 * region announces it. Without this script the tree stays as it is.
 *
 * Class mode (the "Class mode" toggle, or ?class in the address: the trainers' page links
 * there) is for a projector: large type, the rest of the page hidden, only the latest
 * exchange shown and the choices lettered A, B, C, so a room can vote. Escape leaves it.
 *
 * The learner's path ("node/choice" steps) and the endings they have reached are kept in
 * the course's one browser store (store.js, window.courseConversations) under the
 * conversation's id, so a reload, another visit or a progress file brings them back. A
 * saved step that no longer exists (the conversation was rewritten) ends the path there.
 */
(function () {
  "use strict";

  /* --- the logic, free of the page (tests/js/conversation.test.mjs) ------------------ */

  // script: {start, nodes: {id: {choices: [{id, to}], ending: outcome|null}}}
  function Walk(script) {
    this.script = script;
    this.steps = [];  // ["node/choice", ...]
  }
  Walk.prototype.at = function () {
    var node = this.script.start;
    for (var i = 0; i < this.steps.length; i++) node = this.choice(this.steps[i]).to;
    return node;
  };
  Walk.prototype.choice = function (step) {
    var parts = step.split("/");
    var node = this.script.nodes[parts[0]];
    if (!node) return null;
    for (var i = 0; i < node.choices.length; i++) if (node.choices[i].id === parts[1]) return node.choices[i];
    return null;
  };
  Walk.prototype.choose = function (choiceId) {
    var here = this.at();
    var step = here + "/" + choiceId;
    if (this.ended() || !this.choice(step)) return false;
    this.steps.push(step);
    return true;
  };
  Walk.prototype.back = function () { return this.steps.pop() !== undefined; };
  Walk.prototype.restart = function () { this.steps = []; };
  Walk.prototype.ended = function () { return !!this.script.nodes[this.at()].ending; };
  // Steps the learner and the experienced path share from the start.
  Walk.prototype.sharedWith = function (path) {
    var n = 0;
    while (n < this.steps.length && n < path.length && this.steps[n] === path[n]) n++;
    return n;
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { Walk: Walk };
    return;
  }

  /* --- the page ----------------------------------------------------------------------- */

  var C = window.courseContract;  // the names shared with courseware/pages/conversation_pages.py (contract.js)
  var DATA = C.data;
  var CLASSES = C.classes;

  function hasAttr(name) { return "[" + name + "]"; }  // a selector: elements with that attribute

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function read(root) {
    var script = { start: root.getAttribute(DATA.start), nodes: {} };
    var parts = {};
    root.querySelectorAll(hasAttr(DATA.node)).forEach(function (section) {
      var id = section.getAttribute(DATA.node);
      var says = section.querySelector("." + CLASSES.conversationSays);
      var notice = section.querySelector(hasAttr(DATA.notice));
      var choices = [];
      section.querySelectorAll(hasAttr(DATA.choice)).forEach(function (li) {
        choices.push({
          id: li.getAttribute(DATA.choice), to: li.getAttribute(DATA.to),
          say: li.querySelector(hasAttr(DATA.say)).textContent,
          feedback: li.querySelector(hasAttr(DATA.feedback)).textContent
        });
      });
      script.nodes[id] = { choices: choices, ending: section.getAttribute(DATA.ending) };
      parts[id] = {
        speaker: says.getAttribute(DATA.speaker), says: says.querySelector(hasAttr(DATA.says)).textContent,
        notice: notice ? notice.textContent : "", label: section.querySelector("." + CLASSES.conversationLabel),
        debrief: section.querySelector(hasAttr(DATA.debrief)), choices: choices
      };
    });
    return { script: script, parts: parts };
  }

  function setup(root) {
    if (root.getAttribute(DATA.player)) return;
    root.setAttribute(DATA.player, "on");
    var tree = root.querySelector(hasAttr(DATA.conversationTree));
    var data = read(root);
    var experienced = (root.getAttribute(DATA.experienced) || "").split(/\s+/).filter(Boolean);
    var walk = new Walk(data.script);
    var id = root.getAttribute(DATA.conversation);
    var store = window.courseConversations || null;
    var saved = store ? store.get(id) : null;
    (saved ? saved.steps : []).every(function (step) {
      var parts = step.split("/");
      return parts[0] === walk.at() && walk.choose(parts[1]);
    });
    function remember() {
      if (store) store.put(id, walk.steps, walk.ended() ? walk.at() : null);
    }

    var player = el("div", "course-conversation__player");
    var log = el("ol", "course-conversation__log");
    log.setAttribute("aria-label", "The conversation so far");
    var prompt = el("div", "course-conversation__prompt");
    var controls = el("div", "course-conversation__controls");
    var back = el("button", "md-button", "Go back one step");
    var again = el("button", "md-button", "Start again");
    var classMode = el("button", "md-button course-conversation__class-toggle", "Class mode");
    back.type = again.type = classMode.type = "button";
    classMode.setAttribute("aria-pressed", "false");
    controls.appendChild(back);
    controls.appendChild(again);
    controls.appendChild(classMode);
    var live = el("div", "visually-hidden");
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    player.appendChild(log);
    player.appendChild(prompt);
    player.appendChild(controls);
    player.appendChild(live);
    tree.hidden = true;
    root.appendChild(player);

    function line(who, words, className) {
      var li = el("li", "course-conversation__line " + className);
      var p = el("p");
      p.appendChild(el("span", "course-conversation__speaker", who + ":"));
      p.appendChild(document.createTextNode(" “" + words + "”"));
      li.appendChild(p);
      return li;
    }

    function theirLine(nodeId) {
      var part = data.parts[nodeId];
      var li = line(part.speaker, part.says, "course-conversation__line--them");
      if (part.notice) {
        var notice = el("p", "course-conversation__notice");
        notice.appendChild(el("span", "course-conversation__speaker", "You notice:"));
        notice.appendChild(document.createTextNode(" " + part.notice));
        li.appendChild(notice);
      }
      return li;
    }

    function focus(node) {
      node.tabIndex = -1;
      node.focus();
    }

    function sayOf(step) { return walk.choice(step).say; }

    function pathList(steps, title, className) {
      var box = el("div", "course-conversation__path-box " + className);
      box.appendChild(el("h3", null, title));
      var list = el("ol", "course-conversation__path");
      steps.forEach(function (step) { list.appendChild(el("li", null, "“" + sayOf(step) + "”")); });
      box.appendChild(list);
      return box;
    }

    function render(announce) {
      log.textContent = "";
      prompt.textContent = "";
      var node = walk.script.start;
      var latest = theirLine(node);
      log.appendChild(latest);
      walk.steps.forEach(function (step) {
        var choice = walk.choice(step);
        var mine = line("You", choice.say, "course-conversation__line--you");
        var why = el("p", "course-conversation__feedback");
        why.appendChild(el("span", "course-conversation__speaker", "Why it went this way:"));
        why.appendChild(document.createTextNode(" " + choice.feedback));
        mine.appendChild(why);
        log.appendChild(mine);
        node = choice.to;
        latest = theirLine(node);
        log.appendChild(latest);
      });
      var part = data.parts[node];
      var said = part.speaker + " says: " + part.says;
      if (walk.ended()) {
        var end = el("div", "course-conversation__end");
        var heading = el("h2", "course-conversation__end-title", part.label.textContent);
        heading.tabIndex = -1;
        end.appendChild(heading);
        var debrief = part.debrief.cloneNode(true);
        var readMore = debrief.querySelector("." + CLASSES.conversationRead);
        var paths = el("div", "course-conversation__paths");
        paths.appendChild(pathList(walk.steps, "Your path", "course-conversation__path-box--yours"));
        paths.appendChild(pathList(experienced, "An experienced team leader's path",
                                   "course-conversation__path-box--experienced"));
        var shared = walk.sharedWith(experienced);
        var note = shared === experienced.length && shared === walk.steps.length
          ? "You took the same path."
          : "Your paths part at step " + (shared + 1) + ".";
        paths.appendChild(el("p", "course-conversation__paths-note", note));
        debrief.insertBefore(paths, readMore ? readMore.previousElementSibling : null);
        end.appendChild(debrief);
        prompt.appendChild(end);
        live.textContent = said + " The conversation has ended: " + part.label.textContent + ".";
        if (announce) focus(latest);
      } else {
        var group = el("div", "course-conversation__choices-now");
        group.setAttribute("role", "group");
        var question = el("p", "course-conversation__question", "What do you say?");
        question.id = id + "-question-" + walk.steps.length;
        group.setAttribute("aria-labelledby", question.id);
        group.appendChild(question);
        part.choices.forEach(function (choice, index) {
          var button = el("button", "course-conversation__choice");
          var letter = el("span", "course-conversation__letter", "ABCD".charAt(index));
          letter.setAttribute("aria-hidden", "true");  // a room's vote; the words are the name
          button.appendChild(letter);
          button.appendChild(document.createTextNode("“" + choice.say + "”"));
          button.type = "button";
          button.setAttribute(DATA.choice, choice.id);
          button.addEventListener("click", function () {
            if (walk.choose(choice.id)) {
              remember();
              render(true);
            }
          });
          group.appendChild(button);
        });
        prompt.appendChild(group);
        live.textContent = said;
        if (announce) focus(latest);
      }
      back.disabled = walk.steps.length === 0;
    }

    back.addEventListener("click", function () {
      if (walk.back()) {
        remember();
        render(true);
      }
    });
    again.addEventListener("click", function () {
      walk.restart();
      remember();
      render(true);
    });

    function setClassMode(on) {
      root.classList.toggle("course-conversation--class", on);
      document.documentElement.classList.toggle("course-class-mode", on);
      classMode.setAttribute("aria-pressed", on ? "true" : "false");
    }
    classMode.addEventListener("click", function () {
      setClassMode(classMode.getAttribute("aria-pressed") !== "true");
    });
    root.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && classMode.getAttribute("aria-pressed") === "true") {
        setClassMode(false);
        classMode.focus();
      }
    });
    render(false);
    if (/[?&]class(=|&|$)/.test(window.location.search)) setClassMode(true);
  }

  function setupAll() {
    document.querySelectorAll(hasAttr(DATA.conversation)).forEach(setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setupAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
})();
