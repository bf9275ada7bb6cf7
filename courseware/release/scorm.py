"""SCORM packages of the course: the whole course as one SCO, for an LMS.

A package is a built site (offline-style: file names, no instant navigation, no version
selector) plus a launcher page that holds the one LMS session a launch may have and
shows the course in a frame (assets/scorm-launch.js, with the site's own store.js and the
saved-answer codec, assets/scorm-codec.js), tables of the course's questions and
conversations for the launcher's compact encoding of saved answers and paths
(encode_suspend_data says it in Python) and for the LMS's question-level reports
(assets/scorm-interactions.js), `imsmanifest.xml` and the ADL schema files beside it (schemas/scorm12, schemas/scorm2004: from ADL and IMS, see
schemas/README.md). Every package is checked against those schemas before it is
written; nothing is written when a check fails.
"""
from __future__ import annotations

import html
import io
import json
import math
import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

from . import csp
from ..contract import Data, Globals, Scripts
from ..model.banks import CODE_LENGTH
from ..model.course import Course
from ..model.errors import CourseError
from ..model.text_keys import one_line
from .question_export import with_blanks

HERE = Path(__file__).parent
LAUNCHER = "scorm-launch.html"
SCRIPT_DIR = "assets/scorm"
FORMAT = "c2"               # the first part of the suspend data; change it with the encoding
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
DAY_MS = 86_400_000
FIRST_DAY = 20089           # 1 January 2025, in days since 1970: the day answered counts from it
STORE_SCRIPT = Scripts.STORE  # the site's one browser store, which the launcher uses too
CONTRACT_SCRIPT = Scripts.CONTRACT  # the names store.js and the launcher read, before them
CHOICE_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"  # SCORM 1.2 choice responses: one each
DESCRIPTION_LIMIT = 250     # SCORM 2004 cmi.interactions.n.description (localized_string_type SPM)
INTERACTIONS_2004 = 250     # interactions a SCORM 2004 LMS must keep at least (past it, one may refuse)
CONVERSATION_MARK = "~"     # opens a conversation's part of the suspend data: never in ALPHABET, so
                            # a release before conversations skips it as an unknown question code
IDENTIFIER_12 = 255         # SCORM 1.2 CMIIdentifier, the shorter of the two versions' interaction ids
SUSPEND_LIMIT_12 = 4096     # cmi.suspend_data in SCORM 1.2 (CMIString4096)
# What a web server uses and an LMS never shows: the not-found page (its assets sit at the
# site's address) and the sitemap.
NOT_IN_PACKAGE = {"404.html", "sitemap.xml", "sitemap.xml.gz"}


@dataclass(frozen=True)
class Edition:
    name: str           # as the launcher knows it
    label: str          # as people say it
    schema_dir: str
    manifest_schema: str
    namespaces: dict[str, str]


SCORM12 = Edition("1.2", "SCORM 1.2", "scorm12", "imscp_rootv1p1p2.xsd", {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
})
SCORM2004 = Edition("2004", "SCORM 2004 3rd Edition", "scorm2004", "imscp_v1p1.xsd", {
    "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
    "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
})
EDITIONS = {"1.2": SCORM12, "2004": SCORM2004}


# --- the question table and the size of saved answers ---------------------------------

def question_code(question) -> str:
    """The question's code (banks.Question.code): the LMS keeps answers under it, so a
    question that changes drops its old answer rather than restoring it to new options."""
    return question.code


def question_table(course: Course) -> list[dict]:
    """What the launcher needs to encode and restore answers, in course order. Raises
    CourseError when two questions would share a code (rename one of them)."""
    table, seen = [], {}
    for bank in course.banks.values():
        for q in bank.questions.values():
            code = question_code(q)
            if code in seen:
                raise CourseError(f"{q.where}: question '{q.id}' cannot be encoded for an LMS: its code {code} "
                                  f"is the same as that of '{seen[code].id}' ({seen[code].where}); rename one")
            seen[code] = q
            # For the LMS's question-level reports (assets/scorm-interactions.js).
            entry = {"id": q.id, "code": code, "objective": f"{bank.module}-objective-{q.objective}",
                     "text": description(q)}
            if q.type == "fill":
                entry.update(type="fill", answers=q.blanks)
            else:
                if len(q.options) > len(CHOICE_LETTERS):
                    raise CourseError(f"{q.where}: question '{q.id}' has {len(q.options)} options; an LMS's "
                                      f"report takes at most {len(CHOICE_LETTERS)} (SCORM choice interactions)")
                keys = sorted(option.key for option in q.options)
                listed = [option.key for option in q.options]  # the bank's order, as the answer key lists them
                entry.update(type="choice", options=keys,
                              right=sorted(option.key for option in q.options if option.correct),
                              letters="".join(CHOICE_LETTERS[listed.index(key)] for key in keys))
            table.append(entry)
    return table


class _Text(HTMLParser):
    """The words of a question's HTML, a paragraph per block."""

    def __init__(self):
        super().__init__()
        self.paragraphs = [""]

    def handle_starttag(self, tag, attrs):
        if tag in {"p", "li", "br", "tr"}:
            self.paragraphs.append("")

    def handle_data(self, data):
        self.paragraphs[-1] += data


def description(q) -> str:
    """The question's text, short, for an LMS report: all of it when it fits in 250
    characters; else its last paragraph (the question asked; a scenario goes before it),
    cut at a word if it is still longer. Blanks show as ___, never their answers."""
    parser = _Text()
    parser.feed(with_blanks(q, lambda number, answer: "___"))
    paragraphs = [p for p in (one_line(p) for p in parser.paragraphs) if p]
    for text in (" ".join(paragraphs), paragraphs[-1] if paragraphs else ""):
        if len(text) <= DESCRIPTION_LIMIT:
            return text
    return text[:DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"


def entry_length(entry: dict) -> int:
    choices = len(entry["answers"]) if entry["type"] == "fill" else math.ceil(len(entry["options"]) / 6)
    return CODE_LENGTH + 1 + 2 + 1 + choices  # code, right or wrong, day answered, reviews, choices


def encode_suspend_data(table: list[dict], answers: dict[str, dict], conversations: list[dict] = (),
                        paths: dict[str, dict] | None = None) -> str:
    """The suspend data for the store's answers ({id: {answered, correct, selectedValues, at,
    reviews, code}}), as the launcher's codec (assets/scorm-codec.js) writes it: "c2", then
    per answered question in table order "." + code + "1"/"0" + day answered (2 characters,
    days since FIRST_DAY) + spaced reviews (1) + choices (a bitmask character per 6 options)
    or one character per blank ("y" right, "-" not). An answer whose code is not its
    question's code (given to other options) is left out. Then the conversations' parts
    (encode_paths)."""
    def normalise(text) -> str:
        return str(text or "").strip().lower()  # as mkdocs-quiz compares blanks

    parts = [FORMAT]
    for question in table:
        entry = answers.get(question["id"])
        if not entry or not entry.get("answered") or entry.get("code") != question["code"]:
            continue
        selected = entry.get("selectedValues") or []
        if question["type"] == "fill":
            choices = "".join("y" if index < len(selected) and normalise(selected[index]) == normalise(answer)
                              else "-" for index, answer in enumerate(question["answers"]))
        else:
            options = question["options"]
            choices = "".join(ALPHABET[sum(1 << i for i, key in enumerate(options[start:start + 6]) if key in selected)]
                              for start in range(0, len(options), 6))
        day = max(0, min(4095, int(entry["at"] // DAY_MS) - FIRST_DAY))
        reviews = max(0, min(63, int(entry.get("reviews") or 0)))
        parts.append(question["code"] + ("1" if entry["correct"] else "0") + ALPHABET[day >> 6] + ALPHABET[day & 63]
                     + ALPHABET[reviews] + choices)
    return ".".join(parts + encode_paths(conversations, paths or {}))


def worst_case_suspend_length(table: list[dict], conversations: list[dict] = ()) -> int:
    """Characters of suspend data with every question answered at its longest and every
    conversation at its longest path with every ending reached (as the launcher encodes)."""
    return (len(FORMAT) + sum(1 + entry_length(entry) for entry in table)
            + sum(1 + conversation_length(entry) for entry in conversations))


def worst_case_interactions(table: list[dict], conversations: list[dict] = ()) -> int:
    """Interactions a SCORM 2004 LMS holds with every question answered and every
    conversation step taken: one each, updated in place (compare INTERACTIONS_2004)."""
    return len(table) + sum(len(entry["nodes"]) for entry in conversations)


# --- conversations: the learner's paths in the suspend data, each choice an interaction -----

def interaction_id(conversation_id: str, node_id: str) -> str:
    """A conversation step's interaction id. "--" never occurs in a question id (nor in a
    conversation's or node's: [a-z0-9]+(-[a-z0-9]+)*), so it never names a question's."""
    return f"{conversation_id}--{node_id}"


def conversation_table(conversations: dict) -> list[dict]:
    """What the launcher needs to encode and restore paths and to report each choice, in
    the order of the conversations' ids: per conversation its code, the endings (in the
    order of their bits), and per node that has choices its choices' ids and where each
    leads (a path is kept as choice positions), the experienced path's choice there (or
    none), what the other person says (2004's description, cut as a question's is) and the
    interaction id. Raises CourseError when a code is shared or an id is too long for 1.2."""
    table, seen = [], {}
    for conv_id in sorted(conversations):
        conv = conversations[conv_id]
        if conv.code in seen:
            raise CourseError(f"{conv.file}:1: conversation '{conv.id}' cannot be encoded for an LMS: its code "
                              f"{conv.code} is the same as that of '{seen[conv.code]}'; rename one")
        seen[conv.code] = conv.id
        experienced = dict(step.split("/") for step in conv.experienced)
        nodes = {}
        for node_id in conv.order():
            node = conv.nodes[node_id]
            if node.ending:
                continue
            interaction = interaction_id(conv.id, node_id)
            if len(interaction) > IDENTIFIER_12:
                raise CourseError(f"{conv.file}:{node.line}: node '{node_id}' would be reported as '{interaction}', "
                                  f"longer than SCORM 1.2's {IDENTIFIER_12} characters: shorten the ids")
            nodes[node_id] = {"interaction": interaction, "choices": [c.id for c in node.choices],
                              "to": [c.to for c in node.choices], "right": experienced.get(node_id),
                              "text": short_text(f"{node.speaker}: {one_line(node.says)}")}
        table.append({"id": conv.id, "code": conv.code, "start": conv.start, "objective": conv.module,
                      "endings": [n for n in conv.order() if conv.nodes[n].ending], "nodes": nodes,
                      "longest": conv.longest_path()})
    return table


def short_text(text: str) -> str:
    """At most 250 characters (2004's description), cut at a word."""
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    return text[:DESCRIPTION_LIMIT - 1].rsplit(" ", 1)[0] + "\u2026"


def conversation_length(entry: dict) -> int:
    """Characters of a conversation's part at its longest path, every ending reached."""
    return len(CONVERSATION_MARK) + CODE_LENGTH + 2 + math.ceil(len(entry["endings"]) / 6) + entry["longest"]


def encode_paths(conversations: list[dict], paths: dict[str, dict]) -> list[str]:
    """The suspend data's conversation parts for the store's paths ({id: {steps: ["node/choice",
    ...], endings: [ending id, ...], at}}), as the launcher's codec writes them: per
    conversation with a step or an ending, in table order, "~" + code + the day it last
    changed (2 characters, days since FIRST_DAY) + the endings reached (a bit per ending in
    the table's order, 6 to a character) + one character per step, the choice's position
    (0 to 3) at its node. A step that is not the next node's choice ends the path there."""
    parts = []
    for conv in conversations:
        entry = paths.get(conv["id"])
        if not entry:
            continue
        positions, node = "", conv["start"]
        for step in entry.get("steps") or []:
            node_id, _, choice_id = str(step).partition("/")
            here = conv["nodes"].get(node)
            if node_id != node or not here or choice_id not in here["choices"]:
                break
            index = here["choices"].index(choice_id)
            positions += str(index)
            node = here["to"][index]
        reached = entry.get("endings") or []
        bits = "".join(ALPHABET[sum(1 << i for i, ending in enumerate(conv["endings"][start:start + 6])
                                    if ending in reached)]
                       for start in range(0, len(conv["endings"]), 6))
        if not positions and not any(ending in conv["endings"] for ending in reached):
            continue
        day = max(0, min(4095, int((entry.get("at") or 0) // DAY_MS) - FIRST_DAY))
        parts.append(CONVERSATION_MARK + conv["code"] + ALPHABET[day >> 6] + ALPHABET[day & 63] + bits + positions)
    return parts


# --- the package ----------------------------------------------------------------------

def mastery_score(value) -> int | None:
    """The pass mark, 0-100, or None for no pass mark (completed rather than passed)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise CourseError(f"the mastery score must be a whole number from 0 to 100, not {value!r}")
    return value


def site_script(site_files, path: str) -> str:
    """The name the site's pages load `path` by: its content-hashed copy
    (courseware/html/asset_names.py) where the build made one, else the file itself."""
    stem, ext = posixpath.splitext(path)
    hashed = re.compile(re.escape(stem) + r"\.[0-9a-f]{8}" + re.escape(ext) + "$")
    found = sorted(name for name in site_files if hashed.match(name))
    if len(found) == 1:
        return found[0]
    if path in site_files and not found:
        return path
    raise CourseError(f"the built site has {len(found)} copies of {path} ({', '.join(found) or 'none'}): "
                      "the SCORM launcher needs exactly one")


def launcher_html(title: str, store_script: str, storage_name: str, contract_script: str = CONTRACT_SCRIPT) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp.meta_content(csp.meta_policy([]))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="icon" href="assets/images/favicon.png">
<link rel="stylesheet" href="{SCRIPT_DIR}/launch.css">
<script src="{html.escape(contract_script)}" defer></script>
<script src="{SCRIPT_DIR}/questions.js" defer></script>
<script src="{SCRIPT_DIR}/codec.js" defer></script>
<script src="{html.escape(store_script)}" {Data.COURSE}="{html.escape(storage_name)}" defer></script>
<script src="{SCRIPT_DIR}/interactions.js" defer></script>
<script src="{SCRIPT_DIR}/launch.js" defer></script>
</head>
<body>
<main>
<p id="course-launch-status" role="status">Opening the course&hellip;</p>
<iframe id="course-frame" title="{html.escape(title)}" hidden></iframe>
</main>
</body>
</html>
"""


LAUNCHER_CSS = """html, body, main { height: 100%; margin: 0; }
iframe { display: block; width: 100%; height: 100%; border: 0; }
#course-launch-status { margin: 1rem; font-family: system-ui, sans-serif; }
#course-launch-status:empty { display: none; }
"""


def launcher_config(edition: Edition, table: list[dict], pages: list[str], storage_name: str,
                    mastery: int | None, conversations: list[dict] = ()) -> str:
    conversations = [{k: v for k, v in entry.items() if k != "longest"} for entry in conversations]
    if edition is SCORM12:  # 1.2 interactions have no description
        table = [{k: v for k, v in entry.items() if k != "text"} for entry in table]
        conversations = [{**entry, "nodes": {node_id: {k: v for k, v in node.items() if k != "text"}
                                             for node_id, node in entry["nodes"].items()}}
                         for entry in conversations]
    config = {"edition": edition.name, "storageName": storage_name, "mastery": mastery,
              "pages": pages, "questions": table, "conversations": conversations}
    return f"window.{Globals.SCORM} = " + json.dumps(config, ensure_ascii=False, separators=(",", ":")) + ";\n"


def manifest(edition: Edition, identifier: str, title: str, version: str, files: list[str],
             mastery: int | None) -> bytes:
    """imsmanifest.xml: one organisation, one item, one SCO resource listing every file."""
    esc = lambda text: html.escape(text, quote=True)  # noqa: E731
    file_list = "\n".join(f'      <file href="{esc(name)}"/>' for name in files)
    if edition is SCORM12:
        mastery_xml = f"\n        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>" if mastery is not None else ""
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{esc(identifier)}" version="{esc(version)}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{esc(title)}</title>
      <item identifier="course-item" identifierref="course-sco" isvisible="true">
        <title>{esc(title)}</title>{mastery_xml}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCHER}">
{file_list}
    </resource>
  </resources>
</manifest>
""".encode()
    sequencing = ""
    if mastery is not None:
        sequencing = f"""
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="course-mastery" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>{mastery / 100:.2f}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{esc(identifier)}" version="{esc(version)}"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 3rd Edition</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      <title>{esc(title)}</title>
      <item identifier="course-item" identifierref="course-sco" isvisible="true">
        <title>{esc(title)}</title>{sequencing}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" adlcp:scormType="sco" href="{LAUNCHER}">
{file_list}
    </resource>
  </resources>
</manifest>
""".encode()


def schema_files(edition: Edition) -> list[Path]:
    return sorted(p for p in (HERE / "schemas" / edition.schema_dir).iterdir() if p.suffix in {".xsd", ".dtd"})


def manifest_problems(edition: Edition, xml: bytes) -> list[str]:
    """Every way the manifest breaks the ADL schemas, as `imsmanifest.xml: PATH: …`."""
    import xmlschema

    folder = HERE / "schemas" / edition.schema_dir
    # SCORM 1.2's ims_xml.xsd binds the reserved xml namespace as a default, which XML
    # parsers refuse: validate with the W3C's own xml.xsd (shipped with the 2004 set).
    w3c_xml = (HERE / "schemas" / "scorm2004" / "xml.xsd").as_uri()
    schema = xmlschema.XMLSchema(
        str(folder / edition.manifest_schema),
        locations=[(ns, str(folder / name)) for ns, name in edition.namespaces.items()],
        uri_mapper=lambda uri: w3c_xml if uri.endswith("/ims_xml.xsd") else uri)
    problems = []
    for error in schema.iter_errors(io.BytesIO(xml)):
        problems.append(f"imsmanifest.xml: {error.path or '/'}: {error.reason or error.message}")
    return problems


def package(site: Path, out: Path, edition: Edition, *, course: Course, title: str, version: str,
            storage_name: str, mastery: int | None, epoch: int, conversations: dict | None = None) -> dict:
    """Write the SCORM package of a built site to `out` (a zip with the same bytes for the
    same inputs); `conversations` are the checked conversations (conversations.check_all).
    Returns figures for the release's report. Raises CourseError and writes nothing when
    the package would be invalid."""
    mastery = mastery_score(mastery)
    table = question_table(course)
    paths = conversation_table(conversations or {})
    worst = worst_case_suspend_length(table, paths)
    if worst > SUSPEND_LIMIT_12:
        raise CourseError(f"saved answers and conversations would need {worst} characters with every question "
                          f"answered and every conversation at its longest, more than SCORM 1.2's "
                          f"{SUSPEND_LIMIT_12}: change the encoding in courseware/release/scorm.py")
    site_files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
                  if p.is_file() and p.relative_to(site).as_posix() not in NOT_IN_PACKAGE}
    pages = sorted(name for name in site_files if name.endswith(".html"))
    added = {
        LAUNCHER: launcher_html(title, site_script(site_files, STORE_SCRIPT), storage_name,
                                site_script(site_files, CONTRACT_SCRIPT)).encode(),
        f"{SCRIPT_DIR}/launch.js": (HERE / "assets" / "scorm-launch.js").read_bytes(),
        f"{SCRIPT_DIR}/codec.js": (HERE / "assets" / "scorm-codec.js").read_bytes(),
        f"{SCRIPT_DIR}/interactions.js": (HERE / "assets" / "scorm-interactions.js").read_bytes(),
        f"{SCRIPT_DIR}/launch.css": LAUNCHER_CSS.encode(),
        f"{SCRIPT_DIR}/questions.js": launcher_config(edition, table, pages, storage_name, mastery, paths).encode(),
    }
    clash = sorted(set(added) & set(site_files))
    if clash:
        raise CourseError(f"the site already has {', '.join(clash)}: the SCORM launcher needs those names")
    content = {**site_files, **added}
    identifier = f"leading-a-contact-centre-team-{version}".replace(".", "-")
    xml = manifest(edition, identifier, title, version, sorted(content), mastery)
    problems = manifest_problems(edition, xml)
    if problems:
        raise CourseError(problems, heading=f"the {edition.label} manifest does not match the ADL schemas:")
    content["imsmanifest.xml"] = xml
    for schema in schema_files(edition):
        content[schema.name] = schema.read_bytes()
    write_zip(out, content, epoch)
    return {"files": len(content), "bytes": out.stat().st_size, "worst_case_suspend_data": worst,
            "worst_case_interactions_2004": worst_case_interactions(table, paths)}


def write_zip(path: Path, content: dict[str, bytes], epoch: int):
    """Sorted entries, one timestamp from the commit, plain modes: same input, same bytes.
    zlib's default level: half the time of level 9 for archives 0.5% larger."""
    stamp = datetime.fromtimestamp(max(epoch, 315532800), timezone.utc).timetuple()[:6]  # zip starts at 1980
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(content):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system, info.external_attr = 3, 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content[name])
