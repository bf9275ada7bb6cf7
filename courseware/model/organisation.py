"""The organisation's own policies, contacts and targets (organisation.yml beside
mkdocs.yml), and how pages name them.

A page writes `{{ org.policies.absence }}`. When the organisation has set it, the page
shows its own words or a link to its own policy; when it has not, a clearly marked,
friendly placeholder that tells the learner whom to ask. Every problem is reported as
`organisation.yml:LINE: …` or `docs/FILE:LINE: …`.

In model/ by its main concern, the settings read once; `render` and `reference_page`
show them on pages, and import nothing above the model.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from . import yaml_source
from .errors import CourseError

FILE = "organisation.yml"
REFERENCE = re.compile(r"\{\{\s*org\.(?P<key>[a-z_]+(?:\.[a-z_]+)?)\s*\}\}")


@dataclass(frozen=True)
class Setting:
    kind: str        # "link": a web address shown as a link; "text": words shown as they are;
                     # "contact": who to go to, as a name and a detail (see CONTACT_PARTS);
                     # "name": the organisation's name, which reads as "your organisation" unset;
                     # "score": a whole number from 0 to 100, where empty is a choice, not a gap;
                     # "count", "percent": a whole number, where empty is the default (DEFAULTS)
    label: str       # what the page says for it (a link's words, or the thing it stands for)
    ask: str         # who a learner asks while it is unset


SETTINGS: dict[str, Setting] = {
    "name": Setting("name", "your organisation", "your manager"),
    "contacts.hr": Setting("contact", "your HR team", "your manager"),
    "contacts.employee_assistance": Setting("contact", "your employee assistance programme", "your HR team"),
    "contacts.occupational_health": Setting("contact", "occupational health", "your HR team"),
    "contacts.real_time_team": Setting("contact", "the real-time team", "your manager"),
    "contacts.data_protection": Setting("contact", "your data protection officer", "your HR team"),
    "contacts.complaints_team": Setting("contact", "the complaints team", "your manager"),
    "policies.absence": Setting("link", "the absence policy", "your HR team"),
    "policies.conduct": Setting("link", "the conduct (disciplinary) policy", "your HR team"),
    "policies.capability": Setting("link", "the capability policy", "your HR team"),
    "policies.grievance": Setting("link", "the grievance policy", "your HR team"),
    "policies.flexible_working": Setting("link", "the flexible working policy", "your HR team"),
    "policies.equality": Setting("link", "the equality and reasonable adjustments policy", "your HR team"),
    "policies.data_protection": Setting("link", "the data protection policy for staff", "your data protection officer"),
    "policies.wellbeing": Setting("link", "the wellbeing policy", "your HR team"),
    "policies.harassment": Setting("link", "the policy on harassment, including by customers", "your HR team"),
    "policies.vulnerable_customers": Setting("link", "the vulnerable customers policy", "your manager"),
    "policies.complaints": Setting("link", "the complaints procedure", "your manager"),
    "policies.overtime": Setting("link", "the overtime policy", "your manager"),
    "policies.quality_form": Setting("link", "the quality form", "your quality team"),
    "policies.recruitment": Setting("link", "the recruitment policy", "your HR team"),
    "targets.service_level": Setting("text", "your centre's service-level target", "your manager"),
    "targets.quality": Setting("text", "your centre's quality target", "your manager"),
    "targets.adherence": Setting("text", "your centre's adherence target", "your manager"),
    "lms.mastery_score": Setting("score", "the score that passes the course in your learning system",
                                 "whoever runs the course"),
    "lms.assessment_questions": Setting("count", "the questions a module test draws from its pool",
                                        "whoever runs the course"),
    "lms.assessment_pass_mark": Setting("percent", "the mark that passes a module test",
                                        "whoever runs the course"),
}

# What an empty module-test setting means (README "Deliver through an LMS"): five questions
# keep a test short, and 80% lets a learner miss one of them.
DEFAULTS = {"lms.assessment_questions": 5, "lms.assessment_pass_mark": 80}


# A contact has two parts, because lessons name it mid-sentence ("ask ___ how a referral
# works"): free text such as "Care First, 0800 000 0000 (24 hours)" breaks that sentence, so
# the name is what the sentence says and the detail follows it in brackets. Either may be
# left out: without a name the course's own words stand in ("your HR team (extension 4410)").
# A contact given as one line is its detail, so a file written before names still reads well.
CONTACT_PARTS = ("name", "detail")


@dataclass
class Organisation:
    values: dict[str, str | None]  # setting key -> its value, None while unset

    def unset(self) -> list[str]:
        return [key for key, setting in SETTINGS.items() if setting.kind not in NUMBERS and not self.values.get(key)]

    def mastery_score(self) -> int | None:
        """The LMS pass mark (0-100), or None: then finishing the course is "completed"."""
        value = self.values.get("lms.mastery_score")
        return int(value) if value else None

    def assessment_questions(self) -> int:
        """How many questions a module test draws at random from its pool."""
        return int(self.values.get("lms.assessment_questions") or DEFAULTS["lms.assessment_questions"])

    def assessment_pass_mark(self) -> int:
        """The percent of a module test's questions that passes it."""
        return int(self.values.get("lms.assessment_pass_mark") or DEFAULTS["lms.assessment_pass_mark"])


NUMBERS = ("score", "count", "percent")  # settings whose empty value is a choice or a default, not a gap


SCHEMA = "organisation.json"  # in courseware/model/schemas/: which settings there are, and of what kind


def load(root: Path) -> Organisation:
    """organisation.yml, checked against its schema: known settings only, each of its kind."""
    path = root / FILE
    if not path.exists():
        return Organisation({})
    text, tree, data = yaml_source.load(path, FILE)
    errors = yaml_source.check(tree, data, yaml_source.course_schema(SCHEMA), FILE, separator=".")
    if errors:
        raise CourseError(errors)
    return Organisation({key: _shown(key, _value(data or {}, key)) for key in SETTINGS})


def _value(data: dict, key: str):
    group, _, setting = key.rpartition(".")
    return (data.get(group) or {}).get(setting) if group else data.get(key)


def _shown(key: str, raw) -> str | None:
    """A checked setting as the pages show it, or None while it is unset."""
    setting = SETTINGS[key]
    if isinstance(raw, dict):  # a contact's name and detail: "Care First (0800 000 0000)"
        parts = {part: " ".join(str(raw[part]).split()) for part in CONTACT_PARTS if raw.get(part) is not None}
        parts = {part: words for part, words in parts.items() if words}
        if "detail" not in parts:
            return parts.get("name")
        return f"{parts.get('name', setting.label)} ({parts['detail']})"
    if raw is None or not str(raw).strip():
        return None
    if setting.kind in NUMBERS:
        return str(int(raw))
    value = " ".join(str(raw).split())
    # a contact in one line is its detail, after the course's own words
    return f"{setting.label} ({value})" if setting.kind == "contact" else value


# What Markdown would read as markup in a setting ('[…](…)' a link, '|' a table cell, '*' and
# '_' emphasis, '`' code, '\\' an escape), written as character references instead, so a
# setting shows exactly as typed, in a lesson, a table or a list.
MARKDOWN_SIGNS = {c: f"&#{ord(c)};" for c in "[]()|*_`\\!#<>"}


def as_plain_text(value: str) -> str:
    """A setting's text as it reads: never markup, a link or a table cell's end."""
    return "".join(MARKDOWN_SIGNS.get(c, "&amp;" if c == "&" else c) for c in value)


def rendered(key: str, organisation: Organisation) -> str:
    """What a page shows for one setting, as markdown with inline HTML."""
    setting = SETTINGS[key]
    value = organisation.values.get(key)
    if value and setting.kind == "link":
        return f"[{setting.label}]({value})"
    if setting.kind == "score":
        return f"{value} out of 100" if value else "none: answering every question counts as completing the course"
    if setting.kind in ("count", "percent"):
        unit = "%" if setting.kind == "percent" else ""
        return f"{value}{unit}" if value else f"{DEFAULTS[key]}{unit} (the default)"
    if value:
        return as_plain_text(value)
    if setting.kind == "name":  # "your organisation" reads as well as a name, and is true
        return setting.label
    return (f'<span class="org-unset" title="Your organisation has not filled this in yet">{setting.label} '
            f'(ask {setting.ask})</span>')


def render(markdown: str, organisation: Organisation, src: str) -> str:
    """Every {{ org.… }} in a page replaced; an unknown one stops the build at its line."""
    errors = []
    for number, line in enumerate(markdown.splitlines(), 1):
        for match in REFERENCE.finditer(line):
            if match["key"] not in SETTINGS:
                hint = difflib.get_close_matches(match["key"], list(SETTINGS), n=1)
                errors.append(f"docs/{src}:{number}: '{{{{ org.{match['key']} }}}}' is not an organisation setting"
                              + (f"; did you mean '{hint[0]}'?" if hint else f" (see {FILE})"))
    if errors:
        raise CourseError(errors)
    return REFERENCE.sub(lambda m: rendered(m["key"], organisation), markdown)


def _reference_cell(key: str, organisation: Organisation) -> str:
    """A setting on the reference page. A policy shows its address as its words, so whoever
    fills in organisation.yml can check each one here; lessons keep the policy's name."""
    value = organisation.values.get(key)
    if value and SETTINGS[key].kind == "link":
        href = html.escape(value).replace("|", "&#124;")  # a '|' would end the table cell
        return f'<a class="org-address" href="{href}">{as_plain_text(value)}</a>'
    return rendered(key, organisation)


def reference_page(organisation: Organisation) -> str:
    """'Your organisation', for reference/organisation.md: every setting in one place."""
    sections = {"contacts": "Contacts", "policies": "Policies and forms", "targets": "Targets",
                "lms": "Learning system"}
    name = organisation.values.get("name")
    lines = ["# Your organisation's policies and contacts", "",
             ("These are " + as_plain_text(name) + "'s own" if name else "These are your organisation's own")
             + " contacts, policies and targets, as the lessons use them. The course teaches the general "
             "picture, and the UK position where the law comes in; **your organisation's policy comes first**, "
             "and nothing in this course is legal advice.", ""]
    for group, title in sections.items():
        lines += [f"## {title}", "", "| What | Yours |", "|---|---|"]
        for key, setting in SETTINGS.items():
            if key.startswith(group + "."):
                lines.append(f"| {setting.label[0].upper() + setting.label[1:]} | {_reference_cell(key, organisation)} |")
        lines.append("")
    if organisation.unset():
        lines += ['Where a row says "ask …", your organisation has not filled it in yet: the person named can '
                  "tell you, and whoever runs the course can add it.", ""]
    return "\n".join(lines)
