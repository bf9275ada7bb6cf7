"""Branching conversations: conversations/NN-slug.yml, read with each node's source line, the
checks a schema cannot make (the page that shows one is courseware/pages/conversation_pages.py).

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
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.toc import slugify

from . import front_matter, seed_copies
from .banks import CODE_LENGTH
from .errors import CourseError
from .text_keys import one_line
from .yaml_source import check, course_schema, key_node, line_of, node_at, parse, read_text, text_scalars

DIR = "conversations"
SCHEMA = "conversation.json"  # in courseware/model/schemas/
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

    def shown_choices(self, node_id: str) -> list[Choice]:
        """A node's choices in the order the page, the player and the trainers' map show them:
        fixed by their ids, so it is the same on every visit and release, but not the order
        they are written in, where an author tends to put the experienced choice first (it
        was first at 52 of 53 steps, so a learner could simply press the first button)."""
        def place(choice: Choice) -> bytes:
            return hashlib.sha256(f"{self.id}/{node_id}/{choice.id}".encode()).digest()
        return sorted(self.nodes[node_id].choices, key=place)

    def order(self) -> list[str]:
        """Node ids breadth first from the start, through the choices as they are written, so
        steps are numbered much as a learner meets them; endings after the other nodes. (Not
        through the choices as shown: the order numbers the endings' bits in the LMS's saved
        data and goes into the code, so changing it would drop every saved path.)"""
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
    """One conversation and its problems. cast is courseware.model.cast.Cast; pages maps a docs/
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
    found = [f"{file}:{to_source(n)}: copied from a seed document: {run}" for n, run in seed_copies.copied_runs(prose)]
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
