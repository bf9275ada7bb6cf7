"""The trainer kit's generated parts: agendas, the course schedule and workbooks.

- Each session plan (docs/trainers/plans/*.md) keeps its timings in its front matter
  (`session: {length, activities: [{minutes, activity, kind}]}`): the one place they are
  typed. A plan whose minutes do not add up to its length stops the build at the plan's
  file and line. `<!-- agenda -->` in a plan becomes its timed agenda.
- `<!-- course-schedule -->` on the schedule page becomes the classroom timetable, from
  that page's `schedule:` front matter and the plans' timings.
- A printable workbook per module (trainers/workbooks/NN-slug.md) is made from the
  module's own pages: each lesson's practice task and key takeaways, and the summary's
  checklist, with room to write.

In pages/ by its main concern, the pages it adds; reading the plans' timings
(`read_plan`) is model work, kept beside the agendas and schedule that use the plans.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..model import front_matter, yaml_source
from ..model.errors import CourseError

PLANS = "trainers/plans/"
ANSWER_KEYS = "trainers/answer-keys/"
WORKBOOKS = "trainers/workbooks/"
# Kept out of the learners' search: answer keys give every answer, session plans hold the
# role-play cards and debrief notes, and workbooks repeat the lessons' practice word for
# word (a search found each task twice, and they were a seventh of the index every page
# loads). Trainers reach all three from the Trainers section.
NOT_SEARCHED = (PLANS, ANSWER_KEYS, WORKBOOKS)
AGENDA_MARKER = "<!-- agenda -->"
SCHEDULE_MARKER = "<!-- course-schedule -->"
KIND_LABELS = {"plenary": "Whole group", "pairs": "Pairs", "groups": "Small groups", "role-play": "Role-play",
               "quiz": "Quiz", "solo": "On your own", "break": "Break"}
WRITING_SPACE = '<div class="write-here" aria-hidden="true"></div>'
# A task that asks for a plan, a script or a piece of writing needs a page's worth of room.
LONG_WRITING_SPACE = '<div class="write-here write-here--long" aria-hidden="true"></div>'
LONG_TASK = re.compile(r"\b(plan|script|write|rewrite|draft|build|calendar|log|audit)\b", re.I)


@dataclass
class Plan:
    module: str
    title: str
    length: int
    activities: list[dict]


SCHEMA = "session-plan.json"  # in courseware/model/schemas/: the front matter's shape; its kinds are KIND_LABELS's keys


def read_plan(src: str, text: str) -> Plan:
    file = f"docs/{src}"
    page = front_matter.split(text)
    root, data = yaml_source.parse(page.yaml, file, page.first_line)
    errors = yaml_source.check(root, data, yaml_source.course_schema(SCHEMA), file, page.first_line)
    if errors:
        raise CourseError(errors)
    session = data["session"]
    total = sum(a["minutes"] for a in session["activities"])
    if total != session["length"]:
        length_line = page.first_line - 1 + yaml_source.line_of(yaml_source.node_at(root, ["session", "length"]))
        raise CourseError(f"{file}:{length_line}: the activities add up to {total} minutes, "
                          f"not the stated length of {session['length']}")
    activities = [{**a, "minutes": int(a["minutes"])} for a in session["activities"]]  # 10.0 is read as 10
    return Plan(module=PurePosixPath(src).stem, title=front_matter.title(text, src), length=int(session["length"]),
                activities=activities)


def read_plans(pages: dict[str, str]) -> dict[str, Plan]:
    """Every session plan among the pages (src -> markdown), by module."""
    plans = [read_plan(src, text) for src, text in sorted(pages.items()) if src.startswith(PLANS)]
    return {plan.module: plan for plan in plans}


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def agenda(plan: Plan) -> str:
    rows, at = [], 0
    for a in plan.activities:
        rows.append(f"| {clock(at)}–{clock(at + a['minutes'])} | {a['minutes']} | {a['activity']} "
                    f"| {KIND_LABELS[a['kind']]} |")
        at += a["minutes"]
    return "\n".join(["| Time | Minutes | Activity | Format |", "|---|---|---|---|", *rows,
                      f"| | **{plan.length}** | **Total** | |"])


def schedule(src: str, meta: dict, plans: dict[str, Plan]) -> str:
    spec = meta.get("schedule") or {}
    file = f"docs/{src}"
    try:
        hours, minutes = map(int, str(spec["start"]).split(":"))
        lunch, days = int(spec["lunch"]), spec["days"]
    except (KeyError, ValueError, TypeError):
        raise CourseError(f"{file}:2: the schedule needs 'start' (HH:MM), 'lunch' (minutes) and 'days' "
                          "(lists of module folders and 'lunch')")
    # A day a table of two columns, each session a bold row above its activities: one long
    # table with the day and module on every row printed as seven pages, wider than the
    # paper, and became 80-odd cards on a phone. Print sets the days two abreast (course.css).
    out = ['<div class="course-schedule" markdown>', ""]
    for number, day in enumerate(days, 1):
        at, rows, names = hours * 60 + minutes, [], []
        for item in day:
            if item == "lunch":
                rows.append(f"| {clock(at)}–{clock(at + lunch)} | Lunch |")
                at += lunch
                continue
            plan = plans.get(item)
            if plan is None:
                raise CourseError(f"{file}:2: the schedule names '{item}', which has no plan in docs/{PLANS}")
            name = plan.title.removeprefix("Session plan: ")
            names.append(name.split(":")[0])
            rows.append(f"| **{clock(at)}–{clock(at + plan.length)}** | **[{name}](plans/{item}.md)** |")
            for a in plan.activities:
                rows.append(f"| {clock(at)}–{clock(at + a['minutes'])} | {a['activity']} |")
                at += a["minutes"]
        out += ['<div class="course-schedule__day" markdown>', "",
                f"## Day {number}: {', then '.join(names)} {{#day-{number}}}", "",
                "| Time | Activity |", "|---|---|", *rows, "", "</div>", ""]
    return "\n".join([*out, "</div>"])


def searchable(src: str) -> bool:
    return not src.startswith(NOT_SEARCHED)


def expand(src: str, markdown: str, meta: dict, plans: dict[str, Plan]) -> str:
    """A page's agenda and schedule markers, filled in."""
    if src.startswith(PLANS) and AGENDA_MARKER in markdown:
        markdown = markdown.replace(AGENDA_MARKER, agenda(plans[PurePosixPath(src).stem]))
    if SCHEDULE_MARKER in markdown:
        markdown = markdown.replace(SCHEDULE_MARKER, schedule(src, meta, plans))
    return markdown


# --- workbooks -----------------------------------------------------------------------

def sections(text: str) -> dict[str, str]:
    """H2 heading -> the text under it."""
    parts = re.split(r"^## +(.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def relink(markdown: str, from_dir: str, to_dir: str) -> str:
    """Relative links of a section moved from one folder to another."""
    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"[a-z]+:|#|/", target):
            return match.group(0)
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(from_dir, target)), to_dir)
        return f"{match.group(1)}({moved})"
    return re.sub(r"(\]\s*)\(([^)\s]+)\)", fix, markdown)


def module_names(pages: dict[str, str]) -> list[str]:
    return sorted({src.split("/")[1] for src in pages if src.startswith("modules/") and src.count("/") == 2})


def workbook_path(name: str) -> str:
    return f"{WORKBOOKS}{name}.md"


def workbook(name: str, pages: dict[str, str]) -> str:
    """Module `name`'s workbook as markdown, for workbook_path(NAME)."""
    there, here = f"modules/{name}", WORKBOOKS.rstrip("/")
    overview = pages[f"{there}/index.md"]
    title = front_matter.title(overview, name)
    lessons = re.findall(r"^\|\s*\[([^\]]+)\]\(([^)#]+\.md)\)", overview, re.M)
    out = [f"# Workbook: {title}", "",
           f"Your own space to work through [{title}](../../modules/{name}/index.md): each lesson's practice "
           "task and key points, and room to write. Print it, or keep it open beside the lessons. "
           "The model answers show on screen only, so on paper you try each task yourself first.", ""]
    for label, link in lessons:
        parts = sections(pages[f"{there}/{link}"])
        if link == "summary.md":
            out += ["## This week on the floor", "", relink(parts.get("This week on the floor", ""), there, here),
                    "", *with_room("Notes on how it went:", WRITING_SPACE)]
            continue
        if link.startswith("conversation-"):  # a branching conversation: played on screen, not written
            out += [f"## {label}", "", relink(f"A conversation to rehearse on screen: [{label}]({link}).", there, here), ""]
            continue
        out += [f"## {label}", ""]
        for heading, body in parts.items():
            if heading.startswith(("Practice:", "Reflect:")):
                space = LONG_WRITING_SPACE if LONG_TASK.search(heading) else WRITING_SPACE
                out += with_room(f'<div class="workbook-task" markdown>\n\n### {heading}\n\n'
                                 f"{relink(body, there, here)}\n\n</div>", space)
        out += ["### Key takeaways", "", relink(parts.get("Key takeaways", ""), there, here), "",
                *with_room("What will you do differently?", WRITING_SPACE)]
    return "\n".join(out)


def with_room(prompt: str, space: str) -> list[str]:
    """A task or question and its writing space in one block, which print keeps on one page
    where it fits: Chromium split the lines across pages when only the lines avoided a break."""
    return ['<div class="workbook-item" markdown>', "", prompt, "", space, "", "</div>", ""]
