"""The trainer kit's generated parts: agendas, the course schedule and workbooks.

- Each session plan (docs/trainers/plans/*.md) keeps its timings in its front matter
  (`session: {length, activities: [{minutes, activity, kind}]}`): the one place they are
  typed. The build stops with the plan's file and line when the minutes do not add up
  to the stated length. `<!-- agenda -->` in a plan becomes its timed agenda.
- `<!-- course-schedule -->` on the schedule page becomes the classroom timetable, from
  that page's `schedule:` front matter and the plans' timings.
- A printable workbook per module (trainers/workbooks/NN-slug.md) is made from the
  module's own pages: each lesson's practice task and key takeaways, and the summary's
  checklist, with room to write.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

PLANS = "trainers/plans/"
KINDS = {"plenary", "pairs", "groups", "role-play", "quiz", "solo", "break"}
KIND_LABELS = {"plenary": "Whole group", "pairs": "Pairs", "groups": "Small groups", "role-play": "Role-play",
               "quiz": "Quiz", "solo": "On your own", "break": "Break"}

_plans: dict[str, "Plan"] = {}


@dataclass
class Plan:
    module: str
    title: str
    length: int
    activities: list[dict]


def _front_matter(text: str) -> tuple[str, int]:
    """The front matter's YAML and the file line where it starts."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return (match.group(1), 2) if match else ("", 2)


def read_plan(src: str, text: str) -> Plan:
    file = f"docs/{src}"
    source, first_line = _front_matter(text)
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source) or {}
    except yaml.MarkedYAMLError as error:
        raise PluginError(f"{file}:{first_line + error.problem_mark.line}: front matter: {error.problem}")

    def line_of(*path) -> int:
        """The file line of the value at path in the front matter."""
        node = root
        for step in path:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == step), node)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
        return first_line + (node.start_mark.line if node is not None else 0)

    session = data.get("session")
    if not isinstance(session, dict) or not isinstance(session.get("length"), int) \
            or not isinstance(session.get("activities"), list) or not session["activities"]:
        raise PluginError(f"{file}:{first_line}: a session plan needs front matter 'session:' with "
                          "'length' (minutes) and a list of 'activities'")
    for i, activity in enumerate(session["activities"]):
        if not isinstance(activity, dict) or set(activity) != {"minutes", "activity", "kind"}:
            raise PluginError(f"{file}:{line_of('session', 'activities', i)}: each activity needs exactly "
                              "'minutes', 'activity' and 'kind'")
        if not isinstance(activity["minutes"], int) or activity["minutes"] <= 0:
            raise PluginError(f"{file}:{line_of('session', 'activities', i)}: minutes must be a whole number above 0")
        if activity["kind"] not in KINDS:
            raise PluginError(f"{file}:{line_of('session', 'activities', i)}: kind '{activity['kind']}' is not "
                              f"one of {', '.join(sorted(KINDS))}")
    total = sum(a["minutes"] for a in session["activities"])
    if total != session["length"]:
        raise PluginError(f"{file}:{line_of('session', 'length')}: the activities add up to {total} minutes, "
                          f"not the stated length of {session['length']}")
    title = (re.search(r"^# +(.+)$", text, re.M) or [None, src])[1]
    return Plan(module=Path(src).stem, title=title, length=session["length"], activities=session["activities"])


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def agenda(plan: Plan) -> str:
    rows, at = [], 0
    for a in plan.activities:
        rows.append(f"| {_clock(at)}–{_clock(at + a['minutes'])} | {a['minutes']} | {a['activity']} "
                    f"| {KIND_LABELS[a['kind']]} |")
        at += a["minutes"]
    return "\n".join(["| Time | Minutes | Activity | Format |", "|---|---|---|---|", *rows,
                      f"| | **{plan.length}** | **Total** | |"])


def schedule(src: str, meta: dict) -> str:
    spec = meta.get("schedule") or {}
    file = f"docs/{src}"
    try:
        hours, minutes = map(int, str(spec["start"]).split(":"))
        lunch, days = int(spec["lunch"]), spec["days"]
    except (KeyError, ValueError, TypeError):
        raise PluginError(f"{file}:2: the schedule needs 'start' (HH:MM), 'lunch' (minutes) and 'days' "
                          "(lists of module folders and 'lunch')")
    rows = []
    for number, day in enumerate(days, 1):
        at = hours * 60 + minutes
        for item in day:
            if item == "lunch":
                rows.append(f"| {number} | {_clock(at)} | {_clock(at + lunch)} | | Lunch |")
                at += lunch
                continue
            plan = _plans.get(item)
            if plan is None:
                raise PluginError(f"{file}:2: the schedule names '{item}', which has no plan in docs/{PLANS}")
            link = f"[{plan.title.removeprefix('Session plan: ')}](plans/{item}.md)"
            for a in plan.activities:
                rows.append(f"| {number} | {_clock(at)} | {_clock(at + a['minutes'])} | {link} | {a['activity']} |")
                link = ""
                at += a["minutes"]
    return "\n".join(["| Day | Start | End | Module | Activity |", "|---|---|---|---|---|", *rows])


# --- workbooks -----------------------------------------------------------------------

def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## +(.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def _relink(markdown: str, from_dir: str, to_dir: str) -> str:
    """Relative links of a section moved from one folder to another."""
    def fix(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"[a-z]+:|#|/", target):
            return match.group(0)
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(from_dir, target)), to_dir)
        return f"{match.group(1)}({moved})"
    return re.sub(r"(\]\s*)\(([^)\s]+)\)", fix, markdown)


WRITING_SPACE = '<div class="write-here" aria-hidden="true"></div>'


def workbook(module_dir: Path) -> str:
    name = module_dir.name
    overview = (module_dir / "index.md").read_text(encoding="utf-8")
    title = re.search(r"^# +(.+)$", overview, re.M)[1]
    lessons = re.findall(r"^\|\s*\[([^\]]+)\]\(([^)#]+\.md)\)", overview, re.M)
    here, there = "trainers/workbooks", f"modules/{name}"
    out = [f"# Workbook: {title}", "",
           f"Your own space to work through [{title}](../../modules/{name}/index.md): each lesson's practice "
           "task and key points, and room to write. Print it, or keep it open beside the lessons.", ""]
    for label, link in lessons:
        text = (module_dir / link).read_text(encoding="utf-8")
        parts = _sections(text)
        if link == "summary.md":
            out += ["## This week on the floor", "", _relink(parts.get("This week on the floor", ""), there, here),
                    "", "Notes on how it went:", "", WRITING_SPACE, ""]
            continue
        out += [f"## {label}", ""]
        for heading, body in parts.items():
            if heading.startswith(("Practice:", "Reflect:")):
                out += [f"### {heading}", "", _relink(body, there, here), "", WRITING_SPACE, ""]
        out += ["### Key takeaways", "", _relink(parts.get("Key takeaways", ""), there, here), "",
                "What will you do differently?", "", WRITING_SPACE, ""]
    return "\n".join(out)


# --- build events --------------------------------------------------------------------

def on_files(files, config):
    _plans.clear()
    docs = Path(config["docs_dir"])
    for file in files.documentation_pages():
        if file.src_uri.startswith(PLANS):
            plan = read_plan(file.src_uri, file.content_string)
            _plans[plan.module] = plan
    for module_dir in sorted(p for p in (docs / "modules").iterdir() if p.is_dir()):
        files.append(File.generated(config, f"trainers/workbooks/{module_dir.name}.md",
                                    content=workbook(module_dir)))
    return files


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    if src.startswith(PLANS) and "<!-- agenda -->" in markdown:
        markdown = markdown.replace("<!-- agenda -->", agenda(_plans[Path(src).stem]))
    if "<!-- course-schedule -->" in markdown:
        markdown = markdown.replace("<!-- course-schedule -->", schedule(src, page.meta))
    return markdown
