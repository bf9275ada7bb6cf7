"""Branching conversations: conversations/NN-slug.yml, read with each node's source line, the
checks a schema cannot make, and the page that shows one.

A conversation is a setting, the people in it (from docs/reference/team.yml), and nodes:
what the other person says (and what you notice), then two to four choices, each with your
words, the node it leads to and feedback on why; or, at an ending, a debrief. Every
problem is `conversations/FILE:LINE: what is wrong`.

A page shows one with the marker `<!-- conversation ID -->`: the build writes the whole
script as a tree (every node, choice and ending, each with an anchor), which reads without
JavaScript and prints; docs/assets/javascripts/conversation.js turns it into a player.
"""
from __future__ import annotations

import base64
import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.toc import slugify

from . import front_matter, writing
from .banks import CODE_LENGTH
from .contract import Classes, Data
from .errors import CourseError
from .text_keys import one_line
from .yaml_source import check, course_schema, key_node, line_of, node_at, parse, read_text, text_scalars

DIR = "conversations"
SCHEMA = "conversation.json"  # in courseware/schemas/
NODES = (8, 15)          # endings included: enough to branch, few enough to write well
CHOICES = (2, 4)         # the schema holds these too; the reason is the question standard's
MIN_GOOD_ENDINGS = 2     # good in different ways
MIN_RECOVERABLE = 1      # goes badly, and the debrief says how to put it right
MARKER = re.compile(r"^<!-- conversation ([0-9]{2}-[a-z0-9-]+) -->[ \t]*$", re.M)
PROGRESS_MARKER = re.compile(r"^<!-- conversations progress -->[ \t]*$", re.M)  # My progress, the record
MAPS_MARKER = re.compile(r"^<!-- conversation-maps -->[ \t]*$", re.M)  # the trainers' branch maps
CLASS_MODE = "class"     # ?class on a conversation page opens the player in class mode
SCRIPT = "assets/javascripts/conversation.js"
STYLESHEET = "assets/stylesheets/conversation.css"
TEXT_FIELDS = {"title", "setting", "says", "notice", "say", "feedback", "went_well", "do_differently"}
OUTCOMES = {"good": "a good ending", "recoverable": "it went badly, but you can put it right"}


@dataclass
class Choice:
    id: str
    say: str
    to: str
    feedback: str
    line: int
    to_line: int


@dataclass
class Ending:
    outcome: str
    title: str
    went_well: str
    do_differently: str
    read: list[str]
    read_lines: list[int]


@dataclass
class Node:
    id: str
    speaker: str
    says: str
    line: int
    notice: str = ""
    choices: list[Choice] = field(default_factory=list)
    ending: Ending | None = None


@dataclass
class Conversation:
    id: str
    file: str
    module: str
    title: str
    setting: str
    people: dict[str, str]
    start: str
    experienced: list[str]
    nodes: dict[str, Node]
    page: str = ""       # the docs/ page that shows it (its marker), once the pages are checked

    def order(self) -> list[str]:
        """Node ids breadth first from the start, so steps are numbered as a learner meets
        them; endings after the other nodes."""
        seen, queue = [], [self.start]
        while queue:
            node = self.nodes.get(queue.pop(0))
            if node is None or node.id in seen:
                continue
            seen.append(node.id)
            queue += [c.to for c in node.choices]
        seen += [n for n in self.nodes if n not in seen]
        return [n for n in seen if not self.nodes[n].ending] + [n for n in seen if self.nodes[n].ending]

    @property
    def code(self) -> str:
        """Four characters that change whenever what a saved path means changes: the id, the
        start, and each node in order with its choices (their ids, words and where each
        leads) or its ending. An LMS keeps a path as choice positions under this code, so a
        release that renames, removes or reorders a node or a choice drops the old path
        rather than misreading it; rewording what someone says, feedback or a debrief keeps it."""
        parts = [self.id, self.start]
        for node_id in self.order():
            node = self.nodes[node_id]
            parts.append(f"{node_id}:" + ("ending" if node.ending else
                                          "|".join(f"{c.id}>{c.to}>{one_line(c.say)}" for c in node.choices)))
        digest = hashlib.sha256("\n".join(parts).encode()).digest()
        return base64.urlsafe_b64encode(digest).decode()[:CODE_LENGTH]

    def longest_path(self) -> int:
        """The most choices a learner can make from the start to an ending (the graph is
        checked to have no circles)."""
        memo: dict[str, int] = {}

        def depth(node_id: str) -> int:
            if node_id not in memo:
                memo[node_id] = max((1 + depth(c.to) for c in self.nodes[node_id].choices), default=0)
            return memo[node_id]
        return depth(self.start)


# --- reading and checking ------------------------------------------------------------------

def headings(markdown: str) -> dict[str, str]:
    """A page's section ids (as the toc extension makes them) -> heading text; '' -> its title."""
    found = {}
    in_fence = False
    for line in front_matter.split(markdown).body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", line)
        if match:
            text = match.group(2)
            explicit = re.search(r"\{\s*#([\w-]+)[^}]*\}\s*$", text)
            text = re.sub(r"\s*\{[^}]*\}\s*$", "", text)
            if len(match.group(1)) == 1 and "" not in found:
                found[""] = text
            found[explicit.group(1) if explicit else slugify(text, "-")] = text
    return found


def load(path: Path, root: Path, cast, pages: dict[str, str]) -> tuple[Conversation | None, list[str]]:
    """One conversation and its problems. cast is courseware.cast.Cast; pages maps a docs/
    path ('modules/07-x/lesson.md') to its markdown, for the links to lesson sections."""
    file = f"{DIR}/{path.name}"
    try:
        text = read_text(path, file)
        tree, data = parse(text, file)
    except CourseError as error:
        return None, error.problems
    if tree is None:
        return None, [f"{file}:1: the file is empty: it needs id, module, title, setting, people, start, "
                      "experienced and nodes"]
    errors = _choice_counts(data, tree, file, check(tree, data, course_schema(SCHEMA), file))
    if errors:
        return None, errors
    at = lambda *steps: f"{file}:{line_of(node_at(tree, list(steps)))}"  # noqa: E731
    key_at = lambda key, *steps: f"{file}:{line_of(key_node(node_at(tree, list(steps)), key))}"  # noqa: E731

    if data["id"] != path.stem:
        errors.append(f"{at('id')}: the id '{data['id']}' must be the file's name, '{path.stem}' (a learner's "
                      "path is kept under it, so choose it once and keep it)")
    if not (root / "docs" / "modules" / data["module"] / "index.md").exists():
        errors.append(f"{at('module')}: there is no module '{data['module']}' in docs/modules/")
    elif not data["id"].startswith(data["module"][:3]):
        errors.append(f"{at('id')}: the id should start with its module's number, '{data['module'][:3]}'")

    people = {}
    cast_people = cast.by_name() if cast is not None else {}
    for index, person in enumerate(data["people"]):
        name, pronouns = person["name"], person["pronouns"]
        known = cast_people.get(name)
        if cast is not None and known is None:
            errors.append(f"{at('people', index)}: {name} is not in docs/reference/team.yml: use the course's "
                          "cast, or add the person there first")
        elif known is not None and known.pronouns != pronouns:
            errors.append(f"{at('people', index, 'pronouns')}: {name} is {known.pronouns} in "
                          f"docs/reference/team.yml, not {pronouns}")
        people[name] = pronouns

    nodes: dict[str, Node] = {}
    for i, raw in enumerate(data["nodes"]):
        node_line = line_of(node_at(tree, ["nodes", i]))
        if raw["id"] in nodes:
            errors.append(f"{at('nodes', i, 'id')}: the node id '{raw['id']}' is used twice (first at line "
                          f"{nodes[raw['id']].line})")
            continue
        if raw["speaker"] not in people:
            errors.append(f"{at('nodes', i, 'speaker')}: '{raw['speaker']}' is not among the people "
                          f"({', '.join(people)})")
        if ("choices" in raw) == ("ending" in raw):
            errors.append(f"{file}:{node_line}: node '{raw['id']}' needs choices or an ending (one of the two)")
        node = Node(raw["id"], raw["speaker"], raw["says"], node_line, raw.get("notice", ""))
        seen_choices = set()
        for j, c in enumerate(raw.get("choices", [])):
            if c["id"] in seen_choices:
                errors.append(f"{at('nodes', i, 'choices', j, 'id')}: the choice id '{c['id']}' is used twice "
                              f"in node '{raw['id']}'")
            seen_choices.add(c["id"])
            node.choices.append(Choice(c["id"], c["say"], c["to"], c["feedback"],
                                       line_of(node_at(tree, ["nodes", i, "choices", j])),
                                       line_of(node_at(tree, ["nodes", i, "choices", j, "to"]))))
        if "ending" in raw:
            e = raw["ending"]
            node.ending = Ending(e["outcome"], e["title"], e["went_well"], e["do_differently"], list(e["read"]),
                                 [line_of(node_at(tree, ["nodes", i, "ending", "read", k]))
                                  for k in range(len(e["read"]))])
        nodes[node.id] = node

    conversation = Conversation(data["id"], file, data["module"], data["title"], data["setting"], people,
                                data["start"], list(data["experienced"]), nodes)
    if not NODES[0] <= len(data["nodes"]) <= NODES[1]:
        errors.append(f"{key_at('nodes')}: {len(data['nodes'])} nodes; a conversation has {NODES[0]} to "
                      f"{NODES[1]}, endings included")
    errors += _graph_problems(conversation, at, key_at)
    errors += _link_problems(conversation, pages)
    errors += writing_problems(text, file, cast)
    return (None if errors else conversation), errors


def _choice_counts(data, tree, file: str, errors: list[str]) -> list[str]:
    """The schema's errors, with a node's too few or too many choices said plainly at its
    `choices:` line (the schema would print the whole list)."""
    count = re.compile(r"^[^:]+:\d+: nodes/\d+/choices: .* is too (short|long)$", re.S)
    errors = [e for e in errors if not count.match(e)]
    nodes = data.get("nodes") if isinstance(data, dict) else None
    for i, node in enumerate(nodes if isinstance(nodes, list) else []):
        choices = node.get("choices") if isinstance(node, dict) else None
        if isinstance(choices, list) and not CHOICES[0] <= len(choices) <= CHOICES[1]:
            errors.append(f"{file}:{line_of(key_node(node_at(tree, ['nodes', i]), 'choices'))}: node "
                          f"'{node.get('id')}' has {len(choices)} choice(s); give it {CHOICES[0]} to {CHOICES[1]}, "
                          "each something a well-meaning team leader might say")
    return errors


def _graph_problems(conv: Conversation, at, key_at) -> list[str]:
    errors = []
    nodes, file = conv.nodes, conv.file
    if conv.start not in nodes:
        return [f"{at('start')}: the start '{conv.start}' is not a node"]
    for node in nodes.values():
        for choice in node.choices:
            if choice.to not in nodes:
                errors.append(f"{file}:{choice.to_line}: choice '{choice.id}' leads to '{choice.to}', which is not "
                              "a node (a dead link)")
    # Every node reachable; every path ends: no way round in a circle (the player's "Go
    # back one step" is how a learner tries another choice), so each path reaches an ending.
    reachable, state = set(), {}

    def visit(node_id: str):
        stack = [(node_id, iter(nodes[node_id].choices))]
        state[node_id] = "open"
        reachable.add(node_id)
        while stack:
            current, choices = stack[-1]
            choice = next(choices, None)
            if choice is None:
                state[current] = "done"
                stack.pop()
                continue
            if choice.to not in nodes:
                continue
            if state.get(choice.to) == "open":
                errors.append(f"{file}:{choice.to_line}: choice '{choice.id}' of node '{current}' leads back to "
                              f"'{choice.to}', an earlier node on the same path: that path never ends (let "
                              "\"Go back one step\" do that)")
            elif choice.to not in state:
                state[choice.to] = "open"
                reachable.add(choice.to)
                stack.append((choice.to, iter(nodes[choice.to].choices)))

    visit(conv.start)
    for node in nodes.values():
        if node.id not in reachable:
            errors.append(f"{file}:{node.line}: node '{node.id}' cannot be reached from the start '{conv.start}': "
                          "no choice leads to it")
    endings = [n.ending for n in nodes.values() if n.ending]
    good = sum(e.outcome == "good" for e in endings)
    recoverable = sum(e.outcome == "recoverable" for e in endings)
    if good < MIN_GOOD_ENDINGS:
        errors.append(f"{key_at('nodes')}: {good} good ending(s); write at least {MIN_GOOD_ENDINGS}, good in "
                      "different ways")
    if recoverable < MIN_RECOVERABLE:
        errors.append(f"{key_at('nodes')}: no ending goes badly but recoverably (outcome: recoverable); write at "
                      "least one")
    # The experienced path: from the start, each step a real choice of the node it reached,
    # to a good ending.
    current = conv.start
    for index, step in enumerate(conv.experienced):
        node_id, choice_id = step.split("/")
        node = nodes.get(current)
        if node_id != current or node is None:
            errors.append(f"{at('experienced', index)}: step '{step}' starts at '{node_id}', but the path is at "
                          f"'{current}' there")
            break
        choice = next((c for c in node.choices if c.id == choice_id), None)
        if choice is None:
            errors.append(f"{at('experienced', index)}: node '{node_id}' has no choice '{choice_id}'")
            break
        current = choice.to
    else:
        end = nodes.get(current)
        if end is None or end.ending is None or end.ending.outcome != "good":
            errors.append(f"{key_at('experienced')}: the experienced path ends at '{current}', which is not a good "
                          "ending")
    return errors


def _link_problems(conv: Conversation, pages: dict[str, str]) -> list[str]:
    errors = []
    for node in conv.nodes.values():
        if not node.ending:
            continue
        for link, line in zip(node.ending.read, node.ending.read_lines):
            target, anchor = link.split("#", 1)
            src = posixpath.normpath(f"modules/{conv.module}/{target}")
            if src not in pages:
                errors.append(f"{conv.file}:{line}: '{target}' is not a page (docs/{src})")
            elif anchor not in headings(pages[src]):
                errors.append(f"{conv.file}:{line}: docs/{src} has no section '#{anchor}'")
    return errors


def text_lines(text: str) -> list[tuple[int, str]]:
    """(line, text) of what learners read: every line anyone says, what you notice, feedback
    and debriefs, without ids and field names."""
    return [(value.start_mark.line + 1 + (value.style in ("|", ">")), one_line(value.value))
            for value in text_scalars(text, TEXT_FIELDS)]


def writing_problems(text: str, file: str, cast) -> list[str]:
    """What the build checks in the words (spelling needs hunspell, so it is left to
    `make check-writing` and the tests): no run copied from the seed documents, and nothing
    the cast file contradicts."""
    lines = text_lines(text)
    count = text.count("\n") + 1
    rows = [""] * (count + 2)
    for number, words in lines:
        rows[number - 1] = (rows[number - 1] + " " + words).strip()
    prose = "\n\n".join(rows)  # a blank line between rows, so no sentence crosses two fields
    to_source = lambda n: (n + 1) // 2  # noqa: E731  (row k sits on line 2k-1 of prose)
    found = [f"{file}:{to_source(n)}: copied from a seed document: {run}" for n, run in writing.copied_runs(prose)]
    if cast is not None:
        from .cast import problems as cast_problems
        for problem in cast_problems(prose, file, cast):
            where, rest = problem[len(file) + 1:].split(":", 1)
            found.append(f"{file}:{to_source(int(where))}:{rest}")
    return found


def check_all(root: Path, pages: dict[str, str], cast=None) -> tuple[dict[str, Conversation], list[str]]:
    """Every conversation in root/conversations, and every problem in them and in the
    markers of pages (docs/ path -> markdown)."""
    conversations, errors = {}, []
    for path in sorted((root / DIR).glob("*.yml")) if (root / DIR).is_dir() else []:
        conversation, problems = load(path, root, cast, pages)
        errors += problems
        if conversation:
            conversations[conversation.id] = conversation
    shown = {}
    for src, markdown in sorted(pages.items()):
        for match in MARKER.finditer(markdown):
            line = markdown[:match.start()].count("\n") + 1
            conv_id = match.group(1)
            if not (root / DIR / f"{conv_id}.yml").exists():
                errors.append(f"docs/{src}:{line}: no conversation '{conv_id}' in {DIR}/")
            elif conv_id in shown:
                errors.append(f"docs/{src}:{line}: conversation '{conv_id}' is already shown on docs/{shown[conv_id]}")
            else:
                shown[conv_id] = src
                if conv_id in conversations:
                    conversations[conv_id].page = src
    for conv_id, conversation in conversations.items():
        if conv_id not in shown:
            errors.append(f"{conversation.file}:1: no page shows it: put <!-- conversation {conv_id} --> on a page "
                          f"of docs/modules/{conversation.module}/")
    return conversations, errors


# --- the page ------------------------------------------------------------------------------

def anchor(conv: Conversation, node_id: str) -> str:
    return f"{conv.id}-{node_id}"


def _e(text: str) -> str:
    return html.escape(one_line(text))


def labels(conv: Conversation) -> dict[str, str]:
    """'Step n' for each node in the order a learner meets them, 'Ending: title' for endings:
    the same names on the page, in the player and on the trainers' map."""
    order = conv.order()
    found = {node_id: f"Step {number}"
             for number, node_id in enumerate([n for n in order if not conv.nodes[n].ending], 1)}
    found.update({n: f"Ending: {conv.nodes[n].ending.title}" for n in order if conv.nodes[n].ending})
    return found


def letter(index: int) -> str:
    """A choice's letter (A, B, C, D): what a room votes for in class mode and on the map."""
    return "ABCD"[index]


def tree_html(conv: Conversation, pages: dict[str, str], link_for) -> str:
    """The whole conversation as a readable tree: every node, choice and ending with an
    anchor. link_for('modules/x/y.md') gives the page's address from the page shown on."""
    order = conv.order()
    label = labels(conv)
    steps = " ".join(conv.experienced)
    out = [f'<div class="course-conversation" id="{conv.id}" {Data.CONVERSATION}="{conv.id}" '
           f'{Data.START}="{conv.start}" {Data.EXPERIENCED}="{steps}">',
           f'<p class="course-conversation__setting">{_e(conv.setting)}</p>',
           f'<div class="course-conversation__tree" {Data.CONVERSATION_TREE}>',
           '<p class="course-conversation__how">The whole conversation is below, step by step: each choice says '
           'where it leads and why. With JavaScript on, you play it one step at a time instead.</p>']
    for node_id in order:
        node = conv.nodes[node_id]
        ending = node.ending
        attrs = f' {Data.ENDING}="{ending.outcome}"' if ending else ""
        # A div, not a labelled section: a page with several conversations (the print page)
        # would have landmarks of the same name ("Step 1"); the headings give the structure.
        out.append(f'<div class="course-conversation__node" id="{anchor(conv, node_id)}" {Data.NODE}="{node_id}"'
                   f'{attrs}>')
        heading = _e(label[node_id]) + (f' <span class="course-conversation__outcome">({OUTCOMES[ending.outcome]})'
                                        '</span>' if ending else "")
        out.append(f'<h2 id="{anchor(conv, node_id)}-label" class="{Classes.CONVERSATION_LABEL}">{heading}</h2>')
        out.append(f'<p class="{Classes.CONVERSATION_SAYS}" {Data.SPEAKER}="{_e(node.speaker)}">'
                   f'<span class="course-conversation__speaker">{_e(node.speaker)}:</span> '
                   f'“<span {Data.SAYS}>{_e(node.says)}</span>”</p>')
        if node.notice:
            out.append(f'<p class="course-conversation__notice"><span class="course-conversation__speaker">'
                       f'You notice:</span> <span {Data.NOTICE}>{_e(node.notice)}</span></p>')
        if node.choices:
            out.append('<ul class="course-conversation__choices">')
            for choice in node.choices:
                out.append(f'<li {Data.CHOICE}="{choice.id}" {Data.TO}="{choice.to}">'
                           f'<p class="course-conversation__say"><span class="course-conversation__speaker">You:'
                           f'</span> “<span {Data.SAY}>{_e(choice.say)}</span>”</p>'
                           f'<p class="course-conversation__leads">Leads to <a href="#{anchor(conv, choice.to)}">'
                           f'{_e(label[choice.to])}</a>.</p>'
                           f'<p class="course-conversation__feedback"><span class="course-conversation__speaker">'
                           f'Why:</span> <span {Data.FEEDBACK}>{_e(choice.feedback)}</span></p></li>')
            out.append("</ul>")
        if ending:
            out.append(f'<div class="course-conversation__debrief" {Data.DEBRIEF}>')
            out.append(f'<h3>What went well</h3><p>{_e(ending.went_well)}</p>')
            out.append(f'<h3>What to do differently</h3><p>{_e(ending.do_differently)}</p>')
            out.append(f'<h3>Read more</h3><ul class="{Classes.CONVERSATION_READ}">')
            for link in ending.read:
                target, section = link.split("#", 1)
                src = posixpath.normpath(f"modules/{conv.module}/{target}")
                names = headings(pages[src])
                out.append(f'<li><a href="{html.escape(link_for(src))}#{section}">{_e(names.get("", src))}: '
                           f'{_e(names[section])}</a></li>')
            out.append("</ul></div>")
        out.append("</div>")
    out.append(f'<div class="course-conversation__node" id="{conv.id}-experienced" data-experienced-path>'
               f'<h2 id="{conv.id}-experienced-label" class="{Classes.CONVERSATION_LABEL}">The path an experienced '
               'team leader takes</h2><ol class="course-conversation__path">')
    current = conv.start
    for step in conv.experienced:
        node_id, choice_id = step.split("/")
        choice = next(c for c in conv.nodes[node_id].choices if c.id == choice_id)
        out.append(f'<li><a href="#{anchor(conv, node_id)}">{_e(label[node_id])}</a>: “{_e(choice.say)}”</li>')
        current = choice.to
    out.append(f'<li>Ends at <a href="#{anchor(conv, current)}">{_e(label[current])}</a>.</li></ol></div>')
    out.append("</div></div>")
    return "\n".join(out)


def _read_more(conv: Conversation, pages: dict[str, str], link_for) -> list[str]:
    """Every lesson section the endings' debriefs point to, once each, as links."""
    items = []
    for link in [link for node in conv.nodes.values() if node.ending for link in node.ending.read]:
        target, section = link.split("#", 1)
        src = posixpath.normpath(f"modules/{conv.module}/{target}")
        names = headings(pages[src])
        items.append(f'<a href="{html.escape(link_for(src))}#{section}">{_e(names.get("", src))}: '
                     f'{_e(names[section])}</a>')
    return list(dict.fromkeys(items))


def map_markdown(conv: Conversation, pages: dict[str, str], link_for) -> str:
    """A trainer's branch map of one conversation, to print or to run a room from: a heading
    (Markdown, so it is in the contents), the setting, then every step with who says what and
    a table of its choices (letter, words, where each leads, why), the endings' debriefs and
    the experienced path. Anchors start with 'map-' so the map and the learners' page can sit
    on one print page."""
    label = labels(conv)
    here = lambda node_id: f"map-{anchor(conv, node_id)}"  # noqa: E731
    title = headings(pages.get(f"modules/{conv.module}/index.md", "")).get("", conv.module)
    page = link_for(conv.page) if conv.page else ""
    out = [f'<div class="course-conversation-map" data-conversation-map="{conv.id}">',
           f'<p class="course-conversation-map__where">Module: {_e(title)}. '
           + (f'<a href="{html.escape(page)}">Open the conversation</a>, or '
              f'<a href="{html.escape(page)}?{CLASS_MODE}">open it in class mode</a> to run it on a projector.'
              if page else "") + '</p>',
           f'<p class="course-conversation__setting"><strong>Setting.</strong> {_e(conv.setting)}</p>']
    for node_id in conv.order():
        node = conv.nodes[node_id]
        out.append(f'<div class="course-conversation-map__node" id="{here(node_id)}">')
        outcome = f" ({OUTCOMES[node.ending.outcome]})" if node.ending else ""
        out.append(f'<h3 id="{here(node_id)}-label">{_e(label[node_id])}{_e(outcome)}</h3>')
        out.append(f'<p><span class="course-conversation__speaker">{_e(node.speaker)}:</span> “{_e(node.says)}”</p>')
        if node.notice:
            out.append(f'<p class="course-conversation__notice">You notice: {_e(node.notice)}</p>')
        if node.choices:
            out.append('<table class="course-conversation-map__choices"><thead><tr><th scope="col">Choice</th>'
                       '<th scope="col">The team leader says</th><th scope="col">Leads to</th>'
                       '<th scope="col">Why</th></tr></thead><tbody>')
            for index, choice in enumerate(node.choices):
                out.append(f'<tr><td>{letter(index)}</td><td>“{_e(choice.say)}”</td>'
                           f'<td><a href="#{here(choice.to)}">{_e(label[choice.to])}</a></td>'
                           f'<td>{_e(choice.feedback)}</td></tr>')
            out.append("</tbody></table>")
        if node.ending:
            out.append(f'<p><strong>What went well.</strong> {_e(node.ending.went_well)}</p>')
            out.append(f'<p><strong>What to do differently.</strong> {_e(node.ending.do_differently)}</p>')
        out.append("</div>")
    path = []
    for step in conv.experienced:
        node_id, choice_id = step.split("/")
        index = next(i for i, c in enumerate(conv.nodes[node_id].choices) if c.id == choice_id)
        path.append(f'<li><a href="#{here(node_id)}">{_e(label[node_id])}</a>: {letter(index)}</li>')
    out.append('<p><strong>The path an experienced team leader takes:</strong></p>'
               f'<ol class="course-conversation-map__path">{"".join(path)}</ol>')
    read = _read_more(conv, pages, link_for)
    if read:
        out.append('<p><strong>The lesson sections behind it:</strong></p><ul>'
                   + "".join(f"<li>{item}</li>" for item in read) + "</ul>")
    out.append("</div>")
    return f"## {one_line(conv.title)} {{#map-{conv.id}}}\n\n" + "\n".join(out) + "\n"


def progress_html(conversations: dict[str, Conversation], pages: dict[str, str], link_for) -> str:
    """The table of conversations on "My progress" and the course record: the module, the
    conversation (a link to its page) and the endings reached, which progress.js fills in
    from the browser store; the build writes it as for a learner who has tried none."""
    rows = []
    for conv in sorted(conversations.values(), key=lambda c: c.id):
        module = headings(pages.get(f"modules/{conv.module}/index.md", "")).get("", conv.module)
        endings = sum(1 for node in conv.nodes.values() if node.ending)
        link = html.escape(link_for(conv.page)) if conv.page else ""
        rows.append(f'<tr {Data.CONVERSATION_ROW}="{conv.id}" {Data.ENDINGS}="{endings}"><td>{_e(module)}</td>'
                    f'<td><a href="{link}">{_e(conv.title)}</a></td><td {Data.REACHED}>Not tried yet</td></tr>')
    return ('<table class="course-conversation-progress"><thead><tr><th scope="col">Module</th>'
            '<th scope="col">Conversation</th><th scope="col">Endings reached</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def expand_progress(markdown: str, conversations: dict[str, Conversation], pages: dict[str, str], link_for) -> str:
    return PROGRESS_MARKER.sub(lambda m: "\n" + progress_html(conversations, pages, link_for) + "\n", markdown)


def expand_maps(markdown: str, conversations: dict[str, Conversation], pages: dict[str, str], link_for) -> str:
    """The trainers' page with its marker replaced by every conversation's map, in module order."""
    maps = "\n".join(map_markdown(conversations[c], pages, link_for) for c in sorted(conversations))
    return MAPS_MARKER.sub(lambda m: "\n" + maps, markdown)


def expand_markers(markdown: str, conversations: dict[str, Conversation], pages: dict[str, str], link_for) -> str:
    """The page's markdown with each marker replaced by its conversation's tree (raw HTML,
    which Markdown passes through)."""
    return MARKER.sub(lambda m: "\n" + tree_html(conversations[m.group(1)], pages, link_for) + "\n", markdown)


def assets(page_url: str, player: bool = True, storage_name: str = "", page_html: str = "") -> str:
    """The stylesheet (moved to the head by page_loading) and, on a learner's page, the
    course's browser store (unless the page loads it already) and the player, which keeps
    the learner's path there."""
    from .progress import STORE_SCRIPT, relative_url, store_script
    tags = f'<link rel="stylesheet" href="{relative_url(STYLESHEET, page_url)}">'
    if player:
        if f'src="{relative_url(STORE_SCRIPT, page_url)}"' not in page_html:
            tags += store_script(page_url, storage_name)
        tags += f'<script src="{relative_url(SCRIPT, page_url)}" defer></script>'
    return tags


def expand_page(markdown: str, conversations: dict[str, Conversation], pages: dict[str, str],
                link_for) -> tuple[str, bool, bool]:
    """The page's markdown with every conversation marker expanded; whether it shows a
    conversation (and so needs the player) and whether it shows the trainers' maps."""
    if PROGRESS_MARKER.search(markdown):
        markdown = expand_progress(markdown, conversations, pages, link_for)
    maps = bool(MAPS_MARKER.search(markdown))
    if maps:
        markdown = expand_maps(markdown, conversations, pages, link_for)
    player = "<!-- conversation " in markdown
    if player:
        markdown = expand_markers(markdown, conversations, pages, link_for)
    return markdown, player, maps
