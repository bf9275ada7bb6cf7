"""The course's one company, one cast and one timeline (docs/reference/team.yml), and the
checks that keep every page, bank and plan in line with it: the pronoun used next to a name,
what a sentence says about how long someone has been in the job, who your closest friend
is, a person who has left appearing in a later module's story, and a figure the story
states more than once (Priya's adherence) given differently.
The checks read sentences, so they are practical rather than complete; they find the
contradictions a reader trips over.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yaml_source
from .errors import CourseError
from .yaml_source import line_of, node_at

CAST_FILE = "reference/team.yml"
PAGE = "reference/team.md"
PRONOUNS = {"she/her": {"she", "her", "hers", "herself"}, "he/him": {"he", "him", "his", "himself"},
            "they/them": set()}
# The words that show who a sentence is about. "Her" and "him" are left out: as objects
# they so often point at someone else ("Helen mentions him", "Tom put her on hold").
TELLING = {"she/her": {"she", "hers", "herself"}, "he/him": {"he", "his", "himself"}, "they/them": set()}
# A sentence that names one person and also speaks of someone unnamed (a customer, a new
# starter) may use a pronoun for that other person: such a sentence is not checked.
OTHER_PEOPLE = re.compile(r"\b(customers?|callers?|Mrs|Mr|Ms|Dr|new starters?|colleague|somebody|someone|"
                          r"manager|mother|father|son|daughter|wife|husband|partner|agents?|person|"
                          r"director|candidate|mentor|coach|trainer|learner|supervisor|team leader)\b", re.I)
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
AMOUNT = r"(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?P<unit>weeks?|months?|years?)"
# How the course says how long someone has been in the job, NAME standing for the name.
TENURE = [rf"NAME,\s+{AMOUNT}\s+in\b", rf"NAME,\s+who\s+joined\s+{AMOUNT}\s+ago",
          rf"NAME\s+(?:has|had)\s+been\s+(?:on\s+the\s+(?:team|floor|phones)|in\s+the\s+job|at\s+Brightwater|"
          rf"on\s+billing\s+calls)\s+for\s+{AMOUNT}",
          rf"NAME\s+(?:is|was)\s+{AMOUNT}\s+into\s+the\s+job", rf"NAME\s+has\s+{AMOUNT}\s+on\s+(?:the\s+)?"
          rf"(?:billing\s+calls|floor|phones|the\s+team)", rf"NAME,\s+who\s+has\s+been\s+on\s+the\s+"
          rf"(?:team|floor|phones)\s+for\s+{AMOUNT}"]
CLOSEST_FRIEND = re.compile(r"\bclosest friend\b", re.I)


@dataclass
class Person:
    name: str
    pronouns: str
    role: str
    tenure_months: int | None = None
    traits: str = ""
    relationship: str = ""


@dataclass
class Figure:
    about: list[str]  # words a sentence must all hold to be about this figure
    value: str        # '84%' or '8:45'

    def differs_in(self, sentence: str) -> str | None:
        """The figure of the same kind a sentence about this gives instead, if it gives
        another and not this one."""
        if not all(re.search(rf"\b{re.escape(word)}\b", sentence, re.I) for word in self.about):
            return None
        kind = r"\b\d+(?:\.\d+)?%" if self.value.endswith("%") else r"\b\d{1,2}:\d\d\b"
        said = re.findall(kind, sentence)
        return said[0] if said and self.value not in said else None


@dataclass
class Timeline:
    weeks: dict[str, int] = field(default_factory=dict)   # module -> your week in the role
    events: list[dict] = field(default_factory=list)      # {week, what}
    left: dict[str, int] = field(default_factory=dict)    # name -> the week they left
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Cast:
    company: dict
    you: dict
    people: list[Person]
    timeline: Timeline = field(default_factory=Timeline)

    def by_name(self) -> dict[str, Person]:
        return {p.name: p for p in self.people}


SCHEMA = "team.json"  # in courseware/model/schemas/


def load(docs: Path) -> Cast:
    path = docs / CAST_FILE
    file = f"docs/{CAST_FILE}"
    text, tree, data = yaml_source.load(path, file)
    if tree is None:
        raise CourseError(f"{file}:1: the file is empty: it needs company, you and people")
    errors = yaml_source.check(tree, data, yaml_source.course_schema(SCHEMA), file)
    if errors:
        raise CourseError(errors)
    people, seen = [], set()
    for index, raw in enumerate(data["people"]):
        if raw["name"] in seen:
            errors.append(f"{file}:{line_of(node_at(tree, ['people', index]))}: {raw['name']} is listed twice")
        seen.add(raw["name"])
        people.append(Person(**raw))
    story = data.get("timeline") or {"weeks": {}, "events": []}
    for index, gone in enumerate(story.get("left", [])):
        if gone["name"] not in seen:
            errors.append(f"{file}:{line_of(node_at(tree, ['timeline', 'left', index]))}: {gone['name']} is not in people")
    if errors:
        raise CourseError(errors)
    timeline = Timeline(dict(story["weeks"]), list(story["events"]),
                        {gone["name"]: gone["week"] for gone in story.get("left", [])},
                        [Figure(list(f["about"]), f["value"]) for f in story.get("figures", [])])
    return Cast(data["company"], data["you"], people, timeline)


def _years(months: int) -> str:
    return f"{months // 12} years" if months % 12 == 0 and months >= 24 else f"{months} months"


def cell(text: str) -> str:
    """Text for a Markdown table cell: a '|' in it would end the cell and lose the rest."""
    return " ".join(str(text).split()).replace("|", "\\|")


def team_page(cast: Cast) -> str:
    """'Who's who at Brightwater', for reference/team.md."""
    team = [p for p in cast.people if p.tenure_months is not None]
    others = [p for p in cast.people if p.tenure_months is None]
    lines = ["# Who's who at Brightwater", "",
             f"The scenarios in this course all happen at {cast.company.get('name', 'Brightwater')}. "
             + " ".join(cast.company.get("description", "").split()), "",
             f"**You:** {cast.you.get('role', '')}. " + " ".join(cast.you.get("background", "").split()), "",
             "## Your team", "", "| Name | Role | In the job | What to know |", "|---|---|---|---|"]
    for p in sorted(team, key=lambda p: p.name):
        note = " ".join(f"{p.traits} {p.relationship}".split())
        lines.append(f"| {cell(p.name)} ({p.pronouns}) | {cell(p.role)} | {_years(p.tenure_months)} | {cell(note)} |")
    lines += ["", "## Around the team", "", "| Name | Role |", "|---|---|"]
    lines += [f"| {cell(p.name)} ({p.pronouns}) | {cell(p.role)} |" for p in others]
    story = cast.timeline
    if story.weeks:
        lines += ["", "## The story's timeline", "",
                  "The scenarios follow one timeline, counted in your weeks as team leader.", "",
                  "| Week | What happens |", "|---|---|"]
        rows = [(week, f"**Module {int(module[:2])}, {module[3:].replace('-', ' ').capitalize()}**")
                for module, week in story.weeks.items()]
        rows += [(event["week"], cell(event["what"])) for event in story.events]
        lines += [f"| {week} | {what} |" for week, what in sorted(rows, key=lambda row: row[0])]
    return "\n".join(lines) + "\n"


# --- checks --------------------------------------------------------------------------------

def _sentences(text: str) -> list[tuple[int, str]]:
    """(line, sentence) for the text, a sentence never crossing a blank line."""
    out = []
    for block_start, block in _blocks(text):
        offset = 0
        for sentence in re.split(r"(?<=[.!?:;\"”])\s+|\s+-\s+|\|", block):
            line = block_start + block[:block.find(sentence, offset)].count("\n")
            offset = max(offset, block.find(sentence, offset))
            out.append((line, " ".join(sentence.split())))
    return out


def _blocks(text: str) -> list[tuple[int, str]]:
    blocks, start, current = [], 1, []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            if current:
                blocks.append((start, "\n".join(current)))
            current, start = [], number + 1
        else:
            current.append(line)
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def _months(n: str, unit: str) -> float:
    value = int(n) if n.isdigit() else NUMBER_WORDS[n.lower()]
    return value * {"week": 12 / 52, "month": 1, "year": 12}[unit.rstrip("s").lower()]


PREPOSITION = re.compile(r"\b(to|with|from|for|by|about|of|on|at|than|like|beside|behind)\s+$", re.I)
SAYING = re.compile(r"\b(says?|said|tells?|told|thinks?|thought|asks?|asked|replies|replied|agrees?|agreed|adds?|"
                    r"added|explains?|explained|insists?|insisted|hears?|heard|knows?|knew)\b", re.I)


def _wrong_pronoun(sentence: str, person: Person) -> str | None:
    """A pronoun after the person's name that can only mean them, but of the wrong kind.

    The sentence names this person and nobody else. A pronoun before the name, after a
    possessive ("Kofi's"), after a name that follows a preposition ("introduce her to
    Marcus") or after a verb of saying ("Megan says he did") may well mean someone from
    the sentence before, so those are not read."""
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    if TELLING[person.pronouns] & words or PRONOUNS[person.pronouns] - TELLING[person.pronouns] & words:
        return None
    wrong = {w for other, pronouns in TELLING.items() if other != person.pronouns for w in pronouns}
    for match in re.finditer(rf"\b{re.escape(person.name)}\b(?!['’]s)", sentence):
        if PREPOSITION.search(sentence[:match.start()]):
            continue
        after = sentence[match.end():]
        for pronoun in re.finditer(r"[A-Za-z]+", after):
            if pronoun.group(0).lower() in wrong:
                return None if SAYING.search(after[:pronoun.start()]) else pronoun.group(0).lower()
    return None


MODULE = re.compile(r"(?:^|/)(\d{2}-[a-z0-9-]+?)(?:\.md|\.ya?ml|/)")


def module_week(file: str, cast: Cast) -> int | None:
    """Your week in the role in the story of the module a file belongs to (a lesson, a bank,
    a plan), or None for a page outside the modules."""
    match = MODULE.search(file)
    return cast.timeline.weeks.get(match.group(1)) if match else None


def problems(text: str, file: str, cast: Cast) -> list[str]:
    """What text says about the cast that the cast file contradicts, as FILE:LINE: …"""
    people = cast.by_name()
    names = re.compile(r"\b(" + "|".join(map(re.escape, people)) + r")\b")
    week = module_week(file, cast)
    found = []
    for line, sentence in _sentences(text):
        for figure in cast.timeline.figures:
            other = figure.differs_in(sentence)
            if other:
                found.append(f"{file}:{line}: '{other}' for {' '.join(figure.about)}, but the story's figure is "
                             f"{figure.value} (docs/{CAST_FILE}, timeline)")
        named = set(names.findall(sentence))
        for name in sorted(named):
            if week is not None and name in cast.timeline.left and week > cast.timeline.left[name]:
                found.append(f"{file}:{line}: {name} left in week {cast.timeline.left[name]}, but this module's "
                             f"story is in week {week} (docs/{CAST_FILE}, timeline)")
        if len(named) == 1 and not OTHER_PEOPLE.search(sentence):
            person = people[next(iter(named))]
            wrong = _wrong_pronoun(sentence, person)
            if wrong:
                found.append(f"{file}:{line}: '{wrong}' for {person.name}, who is {person.pronouns} "
                             f"in docs/{CAST_FILE}")
        for name in named:
            person = people[name]
            for pattern in TENURE:
                for match in re.finditer(pattern.replace("NAME", re.escape(name)), sentence, re.I):
                    if person.tenure_months is None:
                        continue
                    said = _months(match["n"], match["unit"])
                    if abs(said - person.tenure_months) > max(1.0, 0.1 * person.tenure_months):
                        found.append(f"{file}:{line}: '{match.group(0)}' but {name} has been in the job "
                                     f"{_years(person.tenure_months)} (docs/{CAST_FILE})")
        if CLOSEST_FRIEND.search(sentence):
            friends = {p.name for p in cast.people if "closest friend" in p.relationship.lower()}
            if named and not named & friends:
                found.append(f"{file}:{line}: '{', '.join(sorted(named))}' called your closest friend, but that is "
                             f"{', '.join(sorted(friends))} (docs/{CAST_FILE})")
    return found
