"""The LMS packages of a release: SCORM 1.2 and 2004 against a real SCORM run-time
(scorm-again, pinned in tests/node) in Chromium, their manifests against the ADL
schemas, the size of saved answers, and the release's refusals."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from assessment_pool import write_pool
from browsing import answer, open_context
from conftest import ROOT, serve
from courseware.model import cast, conversations
from courseware.model.course import check_course, read_pages
from courseware.release import scorm
from test_release import git, make_repo, package_problems

VERSION = "2.0.0"
MASTERY = 80
SCORM_AGAIN = ROOT / "tests/node/node_modules/scorm-again/dist"
LESSON = "modules/02-coaching/grow-and-sbi.html"
EDITIONS = {"1.2": "scorm12", "2004": "scorm2004"}


def lms_only(repo: Path, version: str = VERSION) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/release.py", version, "--lms-only"], cwd=repo,
                          capture_output=True, text=True, timeout=600, env={"PATH": "/usr/bin:/bin", "HOME": str(repo)})


def set_mastery(repo: Path, value: str):
    config = repo / "organisation.yml"
    config.write_text(re.sub(r"mastery_score: .*", f"mastery_score: {value}", config.read_text()))
    git(repo, "commit", "-qam", f"Mastery score {value}")


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("lms-repo"))
    write_pool(repo)  # a module test's pool: `make lms` writes its two files, the packages none of it
    git(repo, "add", "-A")
    set_mastery(repo, str(MASTERY))
    result = lms_only(repo)
    assert result.returncode == 0, result.stderr
    return repo


@pytest.fixture(scope="module")
def lms(repo, tmp_path_factory):
    """A test LMS at http://127.0.0.1:PORT/training/lms.html?edition=…, with each package unzipped
    beside it; `package` in the URL is switched by edition."""
    root = tmp_path_factory.mktemp("lms")
    for name in ("lms.html", "lms.js", "seed.html"):
        shutil.copy(ROOT / "tests/lms" / name, root / name)
    (root / "scorm-again").mkdir()
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copy(SCORM_AGAIN / name, root / "scorm-again" / name)
    for edition, prefix in EDITIONS.items():
        with zipfile.ZipFile(repo / "dist" / f"{prefix}-{VERSION}.zip") as archive:
            archive.extractall(root / edition)
    with serve(root) as url:
        yield url


def launch(browser, lms_url: str, edition: str, saved: dict | None = None, browser_answers: dict | None = None,
           browser_storage: dict | None = None):
    """A fresh browser (a new context: another PC) opening the course from the LMS, with
    browser_storage (localStorage key -> value) left there by whoever used it before."""
    context, watch = open_context(browser, lms_url, "light")
    page = context.new_page()
    page.goto("seed.html")  # the LMS's origin, to seed this browser's storage before launch
    page.evaluate("""([edition, saved, answers, items]) => {
        sessionStorage.setItem("lms-initial", JSON.stringify(saved));
        if (answers) localStorage.setItem("course-answers:supervisor-course",
                                          JSON.stringify({version: 1, answers: answers}));
        Object.entries(items || {}).forEach(([key, value]) => localStorage.setItem(key, value));
    }""", [edition, saved, browser_answers, browser_storage])
    # The package for this edition sits at /training/EDITION/: point the LMS's frame there.
    page.route("**/lms.js", lambda route: route.fulfill(
        content_type="text/javascript",
        body=(ROOT / "tests/lms/lms.js").read_text().replace("package/", f"{edition}/")))
    page.goto(f"lms.html?edition={edition}")
    course = page.frame_locator("#sco").frame_locator("#course-frame")
    course.locator("h1").first.wait_for()
    course_loaded(page)
    return context, watch, page, course


def course_loaded(page, path: str = ""):
    """Wait until the course's frame has loaded its page (ending in path) and run that page's
    scripts. On a busy machine the quizzes' markup is there well before their script, and a
    click on a quiz without its script does nothing."""
    page.wait_for_function("""path => {
        const sco = document.querySelector("#sco");
        const frame = sco && sco.contentDocument && sco.contentDocument.querySelector("#course-frame");
        const doc = frame && frame.contentDocument;
        return Boolean(doc) && doc.readyState === "complete" && frame.contentWindow.location.pathname.endsWith(path);
    }""", arg=path)


def commits(page) -> list[dict]:
    return page.evaluate("window.lmsCommits")


def leave(page):
    """The learner closes the course: the LMS removes its frame."""
    page.evaluate("document.getElementById('sco').remove()")
    page.wait_for_function("window.lmsCommits.some(c => c.finished)")


def keys(edition: str) -> dict:
    if edition == "1.2":
        return {"location": "cmi.core.lesson_location", "raw": "cmi.core.score.raw", "exit": "cmi.core.exit",
                "time": "cmi.core.session_time", "status": "cmi.core.lesson_status"}
    return {"location": "cmi.location", "raw": "cmi.score.raw", "exit": "cmi.exit", "time": "cmi.session_time",
            "status": "cmi.completion_status"}


# --- packages --------------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_package_has_a_valid_manifest_listing_every_file(repo, edition):
    kind = scorm.EDITIONS[edition]
    with zipfile.ZipFile(repo / "dist" / f"{EDITIONS[edition]}-{VERSION}.zip") as archive:
        names = set(archive.namelist())
        xml = archive.read("imsmanifest.xml")
    assert scorm.manifest_problems(kind, xml) == []
    listed = set(re.findall(rb'<file href="([^"]+)"', xml))
    schemas = {p.name for p in scorm.schema_files(kind)}
    assert {n.decode() for n in listed} == names - schemas - {"imsmanifest.xml"}
    assert schemas <= names and "scorm-launch.html" in names
    assert b'href="scorm-launch.html"' in xml
    assert f"{MASTERY}".encode() in xml  # the pass mark reaches the LMS
    # What only a web server uses stays out; nothing links to the site's address.
    assert not names & scorm.NOT_IN_PACKAGE
    with zipfile.ZipFile(repo / "dist" / f"{EDITIONS[edition]}-{VERSION}.zip") as archive:
        pages = {n: archive.read(n).decode() for n in names if n.endswith(".html")}
    assert not [p for p in pages.values() if 'rel="canonical"' in p or "rel=canonical" in p]
    # DEF-6: no server sends the policy, so every page carries it, as strict as the web tree's.
    policies = {n: re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', p) for n, p in pages.items()}
    assert [n for n, found in policies.items() if not found] == []
    assert all("script-src 'self'" in found.group(1) and "unsafe" not in found.group(1) for found in policies.values())


@pytest.mark.parametrize("edition", EDITIONS)
def test_package_is_the_learner_edition_with_no_trainers_page_or_key(repo, edition):
    """Issue 25: with a mastery score set, a learner must not open Trainers → Answer keys in
    the LMS. No trainers' page is in the package, no page links to one, search knows none,
    and "Your organisation" says which edition this is."""
    with zipfile.ZipFile(repo / "dist" / f"{EDITIONS[edition]}-{VERSION}.zip") as archive:
        names = archive.namelist()
        pages = {n: archive.read(n).decode() for n in names if n.endswith(".html")}
        search = archive.read("search/search_index.js").decode() if "search/search_index.js" in names else \
            archive.read("search/search_index.json").decode()
    assert [n for n in names if n.startswith("trainers/")] == []
    assert [n for n, page in pages.items() if re.search(r'href="?[^" >]*trainers/', page)] == []
    assert '"location":"trainers/' not in search.replace(" ", "")
    assert "This is the <strong>learner edition</strong>" in pages["reference/organisation.html"]  # offline: no folders


@pytest.mark.parametrize("edition", EDITIONS)
def test_package_ships_only_what_pages_need(repo, edition):
    """m21 (new-user walk): a SCORM package carries no source maps and no file that nothing
    loads (a plain copy beside its hashed one, search files for other languages): only the
    pages, what they name, the manifest and ADL's schema files."""
    with zipfile.ZipFile(repo / "dist" / f"{EDITIONS[edition]}-{VERSION}.zip") as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    required = {"imsmanifest.xml", *(p.name for p in scorm.schema_files(scorm.EDITIONS[edition]))}
    assert package_problems(files, required) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_broken_manifest_fails_the_schema_check(edition):
    kind = scorm.EDITIONS[edition]
    good = scorm.manifest(kind, "course-1", "Course", "1.0.0", ["a.html", scorm.LAUNCHER], 80)
    assert scorm.manifest_problems(kind, good) == []
    no_href = good.replace(b'<file href="a.html"/>', b"<file/>")
    assert any("href" in p for p in scorm.manifest_problems(kind, no_href))
    bad_type = re.sub(rb'(scorm[tT]ype)="sco"', rb'\1="page"', good)
    assert any("page" in p for p in scorm.manifest_problems(kind, bad_type))


def test_the_lms_files_are_listed_in_sha256sums(repo):
    sums = (repo / "dist/SHA256SUMS").read_text()
    for name in (f"scorm12-{VERSION}.zip", f"scorm2004-{VERSION}.zip", f"moodle-{VERSION}.xml",
                 f"qti21-{VERSION}.zip", f"moodle-assessment-{VERSION}.xml", f"qti21-assessment-{VERSION}.zip"):
        assert f"  {name}\n" in sums
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=repo / "dist", capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_make_lms_writes_the_module_tests_and_no_package_holds_them(repo):
    """Issue 25, item 3: `make lms` writes the module tests beside the banks; the SCORM
    packages (what learners open) and the self-check banks hold no pool question."""
    pool = yaml.safe_load((repo / "quizzes/assessment/01-foundations.yml").read_text())
    ids = [q["id"] for q in pool["questions"]]
    assert len(ids) == 15
    tests = (repo / f"dist/moodle-assessment-{VERSION}.xml").read_text()
    assert all(f"<idnumber>{qid}</idnumber>" in tests for qid in ids)
    with zipfile.ZipFile(repo / f"dist/qti21-assessment-{VERSION}.zip") as archive:
        assert {f"items/{qid}.xml" for qid in ids} <= set(archive.namelist())
    for name in (f"scorm12-{VERSION}.zip", f"scorm2004-{VERSION}.zip", f"qti21-{VERSION}.zip"):
        with zipfile.ZipFile(repo / "dist" / name) as archive:
            for entry in archive.namelist():
                data = archive.read(entry)
                assert not [qid for qid in ids if qid.encode() in data], f"{name}/{entry} holds a pool question"
    assert not [qid for qid in ids if qid in (repo / f"dist/moodle-{VERSION}.xml").read_text()]


def test_lms_files_are_byte_identical_from_another_clone(repo, tmp_path):
    other = make_repo(tmp_path / "other")
    set_mastery(other, str(MASTERY))
    result = lms_only(other)
    assert result.returncode == 0, result.stderr
    for name in (f"scorm12-{VERSION}.zip", f"scorm2004-{VERSION}.zip", f"moodle-{VERSION}.xml",
                 f"qti21-{VERSION}.zip"):
        assert (other / "dist" / name).read_bytes() == (repo / "dist" / name).read_bytes(), name


# --- saved answers fit SCORM 1.2 ------------------------------------------------------------

def course_conversations(root: Path = ROOT) -> dict:
    found, errors = conversations.check_all(root, read_pages(root / "docs"), cast.load(root / "docs"))
    assert errors == []
    return found


def test_every_question_and_conversation_at_its_longest_fits_scorm_12_suspend_data():
    """The course grows; this fails before an LMS that enforces 4,096 characters would. The
    worst case: every question answered at its longest, every conversation at its longest
    path with every ending reached (issue 26)."""
    table = scorm.question_table(check_course(ROOT, read_pages(ROOT / "docs")))
    paths = scorm.conversation_table(course_conversations())
    worst = scorm.worst_case_suspend_length(table, paths)
    assert worst <= scorm.SUSPEND_LIMIT_12, f"{worst} characters with every question and conversation at its longest"
    assert worst > scorm.worst_case_suspend_length(table) + len(paths) * 8, "each conversation takes its room"
    # The figure is the encoder's: every conversation at a longest path, every ending reached.
    longest = longest_paths(paths)
    assert [len(longest[conv["id"]]["steps"]) for conv in paths] == [conv["longest"] for conv in paths]
    parts = scorm.encode_paths(paths, longest)
    assert sum(1 + len(part) for part in parts) == worst - scorm.worst_case_suspend_length(table)


MIDNIGHT = 1796515200000  # 6 December 2026, 00:00 UTC: a time the encoding keeps whole


def test_the_readme_gives_the_interactions_the_worst_case_needs():
    """Issue 26: past SCORM 2004's minimum of 250 an LMS may refuse interactions (the
    launcher then stops adding them: tests/js/scorm-interactions.test.mjs); the README says
    how many the worst case needs, and this keeps that figure true."""
    table = scorm.question_table(check_course(ROOT, read_pages(ROOT / "docs")))
    paths = scorm.conversation_table(course_conversations())
    steps = sum(len(entry["nodes"]) for entry in paths)
    total = scorm.worst_case_interactions(table, paths)
    assert total == len(table) + steps > scorm.INTERACTIONS_2004
    assert f"{len(table)} + {steps} = **{total}**" in (ROOT / "README.md").read_text()


def longest_paths(paths: list[dict]) -> dict:
    """Each conversation of the table at a longest path from its start, every ending reached."""
    def depth(conv: dict, node: str) -> int:
        here = conv["nodes"].get(node)
        return 0 if here is None else 1 + max(depth(conv, to) for to in here["to"])

    found = {}
    for conv in paths:
        node, steps = conv["start"], []
        while node in conv["nodes"]:  # the choice whose path runs longest
            here = conv["nodes"][node]
            index = max(range(len(here["to"])), key=lambda i: depth(conv, here["to"][i]))
            steps.append(f"{node}/{here['choices'][index]}")
            node = here["to"][index]
        found[conv["id"]] = {"steps": steps, "endings": list(conv["endings"]), "at": MIDNIGHT}
    return found


def test_the_question_table_gives_each_interaction_what_it_needs():
    """Issue 25, item 2: a short text for 2004's description (250 characters, blanks never
    showing their answers), the objective, the right options and a 1.2 letter for each."""
    course = check_course(ROOT, read_pages(ROOT / "docs"))
    table = {entry["id"]: entry for entry in scorm.question_table(course)}
    for q in course.questions.values():
        entry = table[q.id]
        assert 0 < len(entry["text"]) <= scorm.DESCRIPTION_LIMIT and "[[" not in entry["text"], q.id
        assert entry["objective"] == f"{q.bank}-objective-{q.objective}"
        if q.type == "fill":
            continue
        letters = dict(zip(entry["options"], entry["letters"]))
        assert [letters[o.key] for o in q.options] == list("abcdefghij"[:len(q.options)])  # the bank's order
        assert entry["right"] == sorted(o.key for o in q.options if o.correct)
    long = table["coach-when-to-direct"]["text"]  # a scenario, then the question asked
    assert long.startswith("By the lesson, which of these are cases for directing") and len(long) < 250


def test_the_conversation_table_gives_each_choice_what_its_interaction_needs():
    """Issue 26: per node with choices, an interaction id within both versions' identifier
    rules (never a question's), the experienced path's choice where it passes, and what the
    other person says, cut as a question's description is."""
    found = course_conversations()
    table = {entry["id"]: entry for entry in scorm.conversation_table(found)}
    question_ids = {q["id"] for q in scorm.question_table(check_course(ROOT, read_pages(ROOT / "docs")))}
    assert set(table) == set(found) and len({entry["code"] for entry in table.values()}) == len(found)
    for conv_id, conv in found.items():
        entry = table[conv_id]
        experienced = dict(step.split("/") for step in conv.experienced)
        assert entry["objective"] == conv.module
        assert entry["endings"] == [n for n in conv.order() if conv.nodes[n].ending]
        for node_id, node in entry["nodes"].items():
            assert re.fullmatch(r"[a-z0-9-]{1,255}", node["interaction"]) and node["interaction"] not in question_ids
            assert node["interaction"] == f"{conv_id}--{node_id}"
            assert node["choices"] == [c.id for c in conv.nodes[node_id].choices]
            assert node["right"] == experienced.get(node_id)
            assert node["text"].startswith(conv.nodes[node_id].speaker + ": ") and 0 < len(node["text"]) <= 250
        assert any(node["right"] is None for node in entry["nodes"].values()), "some nodes are off the path"


def test_a_conversation_changed_by_a_release_gets_a_new_code(tmp_path):
    """Issue 26: an LMS keeps a path as choice positions under the conversation's code, so a
    release that renames, removes or reorders a node, or changes a choice, must change the
    code (and the saved path is dropped: tests/js/scorm-codec.test.mjs); rewording what the
    other person says keeps it."""
    source = (ROOT / "conversations/07-callum-return-to-work.yml").read_text()
    before = course_conversations()["07-callum-return-to-work"].code

    def code_after(change) -> str:
        changed = yaml.safe_load(source)
        change(changed)
        conv = course_conversations()["07-callum-return-to-work"]
        fresh = conversations.Conversation(conv.id, conv.file, conv.module, conv.title, conv.setting, conv.people,
                                           changed["start"], changed["experienced"], {})
        for raw in changed["nodes"]:
            node = conversations.Node(raw["id"], raw["speaker"], raw["says"], 1)
            node.choices = [conversations.Choice(c["id"], c["say"], c["to"], "", 1, 1) for c in raw.get("choices", [])]
            node.ending = conv.nodes[raw["id"]].ending if "ending" in raw else None
            fresh.nodes[node.id] = node
        return fresh.code

    def rename(d):
        for node in d["nodes"]:
            for c in node.get("choices", []):
                c["to"] = "welcome-back" if c["to"] == "how-are-you" else c["to"]
            node["id"] = "welcome-back" if node["id"] == "how-are-you" else node["id"]

    def reorder(d):
        d["nodes"][0]["choices"].reverse()

    def reword_choice(d):
        d["nodes"][0]["choices"][0]["say"] += " Take a seat."

    def retarget(d):
        d["nodes"][0]["choices"][1]["to"] = "defensive"

    def remove(d):
        d["nodes"][0]["choices"].pop()

    def reword_says(d):
        d["nodes"][0]["says"] += " Right."
    assert code_after(lambda d: None) == before
    for change in (rename, reorder, reword_choice, retarget, remove):
        assert code_after(change) != before, change.__name__
    assert code_after(reword_says) == before


def test_a_conversation_id_too_long_for_scorm_12_is_refused(monkeypatch):
    found = course_conversations()
    monkeypatch.setattr(scorm, "IDENTIFIER_12", 30)
    with pytest.raises(scorm.CourseError, match=r"conversations/[^:]+\.yml:\d+: node '[a-z0-9-]+' would be reported "
                                                r"as '[a-z0-9-]+--[a-z0-9-]+', longer than SCORM 1\.2's 30"):
        scorm.conversation_table(found)


def test_a_question_with_more_options_than_scorm_letters_is_refused(monkeypatch):
    course = check_course(ROOT, read_pages(ROOT / "docs"))
    monkeypatch.setattr(scorm, "CHOICE_LETTERS", "abc")
    with pytest.raises(scorm.CourseError, match=r"quizzes/[^:]+\.yml:\d+: question '[a-z0-9-]+' has [4-9] options; "
                                                r"an LMS's report takes at most 3"):
        scorm.question_table(course)


def test_two_questions_with_one_code_are_refused(monkeypatch):
    course = check_course(ROOT, read_pages(ROOT / "docs"))
    monkeypatch.setattr(scorm, "question_code", lambda q: "AAAA")
    with pytest.raises(scorm.CourseError, match=r"quizzes/[^:]+\.yml:\d+: question '[a-z0-9-]+' cannot be encoded"):
        scorm.question_table(course)


# --- a learner in the LMS ---------------------------------------------------------------------

@pytest.mark.parametrize("edition", EDITIONS)
def test_a_session_is_tracked_and_resumed(browser, lms, edition):
    """A session is sent, committed and resumed on another PC. m17 (new-user walk): after one
    right answer of 237 the LMS's score is not 0 but the share right, to seven decimal places."""
    k = keys(edition)
    context, watch, page, course = launch(browser, lms, edition)
    assert page.evaluate("window.lmsLog.filter(e => e[0] === 'Initialize').length") == 1
    # Navigate as a learner does: the module's tab, then the lesson from its overview.
    course.locator("a.md-tabs__link", has_text="Coaching").click()
    course.locator(f"article a[href$='{LESSON.split('/')[-1]}']").first.click()
    quizzes = course.locator("div.quiz:has(fieldset)")
    quizzes.first.wait_for()
    course_loaded(page, LESSON)
    right_id, wrong_id = quizzes.nth(0).get_attribute("id"), quizzes.nth(1).get_attribute("id")
    answer(quizzes.nth(0), right=True)
    answer(quizzes.nth(1), right=False)
    page.wait_for_function("window.lmsCommits.some(c => (c['cmi.suspend_data'] || '').split('.').length === 3)")
    leave(page)
    assert watch.take() == []
    final = commits(page)[-1]
    assert page.evaluate("window.lmsLog.filter(e => e[0] === 'Finish').length") == 1
    assert final[k["location"]] == LESSON
    assert final["cmi.suspend_data"].startswith("c2.") and final["cmi.suspend_data"].count(".") == 2
    total = len(scorm.question_table(check_course(ROOT, read_pages(ROOT / "docs"))))
    assert float(final[k["raw"]]) == pytest.approx(100 / total, abs=1e-6) and final[k["raw"]] != "0"
    assert final[k["exit"]] == "suspend"
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d\.\d\d" if edition == "1.2" else r"PT\d+H\d+M\d+S", final[k["time"]])
    if edition == "1.2":
        assert final["cmi.core.lesson_status"] == "incomplete"
    else:
        assert final["cmi.completion_status"] == "incomplete"
        assert final["cmi.success_status"] == "unknown"
        assert float(final["cmi.progress_measure"]) == pytest.approx(2 / total, abs=1e-4)
        assert float(final["cmi.score.scaled"]) == pytest.approx(1 / total, abs=1e-6)
    saved = {"cmi.suspend_data": final["cmi.suspend_data"], k["location"]: final[k["location"]]}
    context.close()

    # Another PC, where someone else once answered a question: the LMS's answers win.
    someone_else = {right_id: {"answered": True, "correct": False, "selectedValues": [], "at": 1},
                    "found-kotter-two-jobs": {"answered": True, "correct": True, "selectedValues": [], "at": 1}}
    context, watch, page, course = launch(browser, lms, edition, saved=saved, browser_answers=someone_else)
    page.wait_for_function("""lesson => {
        const frame = document.querySelector("#sco").contentDocument.querySelector("#course-frame");
        return frame && frame.contentWindow.location.pathname.endsWith(lesson);
    }""", arg=LESSON)
    course.locator(f"#{right_id} .quiz-feedback-item.correct").wait_for()
    course.locator(f"#{wrong_id} .quiz-feedback:not(.hidden)").wait_for()
    stored = page.evaluate("JSON.parse(localStorage.getItem('course-answers:supervisor-course')).answers")
    assert set(stored) == {right_id, wrong_id}
    assert stored[right_id]["correct"] is True and stored[wrong_id]["correct"] is False
    # Search and "My progress" work inside the package.
    course.get_by_role("link", name="My progress").first.click()
    course.get_by_text(f"You have answered 2 of {total} questions").first.wait_for()
    course.locator("input[data-md-component='search-query']").fill("feedback")
    # The package is the offline build, whose search index is built in the page (an iframe
    # worker): on a busy two-core machine that has taken more than ten seconds.
    course.locator(".md-search-result__item").first.wait_for(timeout=30000)
    leave(page)
    assert watch.take() == []
    context.close()


@pytest.mark.parametrize("edition,right,outcome", [("1.2", True, "passed"), ("2004", False, "failed")])
def test_answering_the_last_question_finishes_the_course(browser, lms, edition, right, outcome):
    """Every question but one answered in an earlier session; the last one, answered
    here, completes the course and sets passed or failed against the mastery score."""
    # The last question left open: the first with options on the lesson page.
    context, watch, page, course = launch(browser, lms, edition, saved={})
    frame = next(f for f in page.frames if f.url.endswith("scorm-launch.html"))
    frame.evaluate(f"document.getElementById('course-frame').contentWindow.location.href = '{LESSON}'")
    quiz = course.locator("div.quiz:has(fieldset)").first
    quiz.wait_for()
    open_id = quiz.get_attribute("id")
    data = frame.evaluate("""([open, right]) => {
        const answers = {};
        window.courseScorm.questions.forEach(q => {
          if (q.id !== open) answers[q.id] = {answered: true, correct: right, code: q.code,
            selectedValues: q.type === "fill" ? q.answers : [q.options[0]], at: 1};
        });
        return window.courseScormSession.encode(answers);
    }""", [open_id, right])
    assert len(data) < scorm.SUSPEND_LIMIT_12
    page.evaluate("document.getElementById('sco').remove()")
    context.close()

    k = keys(edition)
    context, watch, page, course = launch(browser, lms, edition, saved={"cmi.suspend_data": data, k["location"]: LESSON})
    course_loaded(page, LESSON)
    answer(course.locator(f"#{open_id}"), right=right)
    page.wait_for_function(f"window.lmsCommits.some(c => c['{k['raw']}'] === '{100 if right else 0}')")
    leave(page)
    final = commits(page)[-1]
    assert final[k["raw"]] == ("100" if right else "0")
    assert final[k["exit"]] == ("" if edition == "1.2" else "normal")
    if edition == "1.2":
        assert final["cmi.core.lesson_status"] == outcome
    else:
        assert final["cmi.completion_status"] == "completed"
        assert final["cmi.success_status"] == outcome
        assert final["cmi.progress_measure"] == "1"
    assert watch.take() == []
    context.close()


FILL_LESSON = "modules/02-coaching/live-coaching-and-calibration.html"
FILL_ID = "coach-qa-weighted-score"


def interactions_set(values: dict) -> dict[int, dict]:
    """The interactions among values set in the LMS, by index: {n: {element: value}}."""
    held: dict[int, dict] = {}
    for key, value in values.items():
        found = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", key)
        if found:
            held.setdefault(int(found[1]), {})[found[2]] = value
    return held


def open_page(page, course, path: str):
    frame = next(f for f in page.frames if f.url.endswith("scorm-launch.html"))
    frame.evaluate(f"document.getElementById('course-frame').contentWindow.location.href = '{path}'")
    course_loaded(page, path)


@pytest.mark.parametrize("edition", EDITIONS)
def test_each_answer_reaches_the_lms_as_an_interaction(browser, lms, edition):
    """Issue 25, item 2: the LMS's reports show which questions a learner got wrong. One
    right, one wrong and one fill-in answer become three interactions; after a relaunch the
    wrong one answered again updates its interaction in 2004 and adds a record in 1.2, whose
    interactions are write-only."""
    table = {q["id"]: q for q in scorm.question_table(check_course(ROOT, read_pages(ROOT / "docs")))}
    api, get = ("API", "LMSGetValue") if edition == "1.2" else ("API_1484_11", "GetValue")
    count = f"String(window.{api}.{get}('cmi.interactions._count'))"
    response, time, wrong = (("student_response", "time", "wrong") if edition == "1.2" else
                             ("learner_response", "timestamp", "incorrect"))

    def choices(question, keys):  # as each version writes a choice response
        if edition == "1.2":
            letters = dict(zip(question["options"], question["letters"]))
            return ",".join(sorted(letters[key] for key in keys))
        return "[,]".join(sorted(keys))

    context, watch, page, course = launch(browser, lms, edition, saved={})
    open_page(page, course, LESSON)
    quizzes = course.locator("div.quiz:has(fieldset)")
    right_id, wrong_id = quizzes.nth(0).get_attribute("id"), quizzes.nth(1).get_attribute("id")
    wrong_key = quizzes.nth(1).locator("fieldset input:not([data-correct])").first.get_attribute("value")
    answer(quizzes.nth(0), right=True)
    answer(quizzes.nth(1), right=False)
    open_page(page, course, FILL_LESSON)
    answer(course.locator(f"#{FILL_ID}"), right=False)
    page.wait_for_function(f"{count} === '3'")
    leave(page)
    values = page.evaluate("window.lmsValues")
    held = interactions_set(values)
    assert [held[n]["id"] for n in sorted(held)] == [right_id, wrong_id, FILL_ID]
    right_q, wrong_q, fill_q = table[right_id], table[wrong_id], table[FILL_ID]
    assert wrong_key in wrong_q["options"] and wrong_key not in wrong_q["right"]
    expected = [(right_q, "choice", choices(right_q, right_q["right"]), "correct"),
                (wrong_q, "choice", choices(wrong_q, [wrong_key]), wrong),
                (fill_q, "fill-in", "not it", wrong)]
    for n, (question, kind, given, result) in enumerate(expected):
        record = held[n]
        assert record["type"] == kind and record[response] == given and record["result"] == result, record
        assert record["correct_responses.0.pattern"] == (
            choices(question, question["right"]) if kind == "choice" else ",".join(question["answers"]))
        assert record["objectives.0.id"] == question["objective"]
        assert re.fullmatch(r"\d\d:\d\d:\d\d" if edition == "1.2" else r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ",
                            record[time])
        if edition == "2004":
            assert record["description"] == question["text"] and 0 < len(record["description"]) <= 250
        else:
            assert "description" not in record
    saved = {key: value for key, value in values.items() if key.startswith("cmi.interactions.")}
    saved.update({"cmi.suspend_data": values["cmi.suspend_data"], keys(edition)["location"]: FILL_LESSON})
    assert watch.take() == []
    context.close()

    # Another session: the answers already reported are not sent again; the wrong one is
    # answered again, right this time.
    context, watch, page, course = launch(browser, lms, edition, saved=saved)
    open_page(page, course, LESSON)
    quiz = course.locator(f"#{wrong_id}")
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for()
    quiz.get_by_role("button", name="Try again").click()
    answer(quiz, right=True)
    again = 3 if edition == "1.2" else 1  # 1.2: a new record; 2004: the same index
    page.wait_for_function(f"window.lmsValues['cmi.interactions.{again}.result'] === 'correct'")
    assert page.evaluate(count) == ("4" if edition == "1.2" else "3")
    leave(page)
    now = interactions_set(page.evaluate("window.lmsValues"))
    assert list(now) == [again], "only the question answered again"
    assert now[again][response] == choices(wrong_q, wrong_q["right"]) and now[again]["result"] == "correct"
    if edition == "1.2":
        assert now[again]["id"] == wrong_id
    else:
        assert "id" not in now[again], "found by its id and updated"
    assert watch.take() == []
    context.close()


TALK = "07-callum-return-to-work"
TALK_PAGE = "modules/07-people-processes/conversation-callum-return-to-work.html"
CONVERSATIONS_KEY = "course-conversations:supervisor-course"


@pytest.mark.parametrize("edition", EDITIONS)
def test_conversation_choices_reach_the_lms_and_the_path_comes_back(browser, lms, edition):
    """Issue 26: three choices (the second off the experienced path, the third where that
    path never goes), back one step and another choice; each choice an interaction (2004:
    the node's, updated in place; 1.2: a record each), the path in the suspend data; on
    another PC, where someone else's path is in the browser, the LMS's path comes back, and
    "My progress" inside the package shows the conversation started."""
    source = yaml.safe_load((ROOT / f"conversations/{TALK}.yml").read_text())
    says = {f"{n['id']}/{c['id']}": c["say"] for n in source["nodes"] for c in n.get("choices", [])}
    entry = next(c for c in scorm.conversation_table(course_conversations()) if c["id"] == TALK)
    api, get = ("API", "LMSGetValue") if edition == "1.2" else ("API_1484_11", "GetValue")
    count = f"String(window.{api}.{get}('cmi.interactions._count'))"
    response, wrong = ("student_response", "wrong") if edition == "1.2" else ("learner_response", "incorrect")

    context, watch, page, course = launch(browser, lms, edition, saved={})
    open_page(page, course, TALK_PAGE)
    played = ["arrive/welcome", "how-are-you/reassure", "just-a-form/correct"]
    for n, step in enumerate(played, 1):
        course.locator(f".course-conversation__choices-now [data-choice='{step.split('/')[1]}']").click()
        page.wait_for_function(f"{count} === '{n}'")
    course.get_by_role("button", name="Go back one step").click()
    course.locator(".course-conversation__choices-now [data-choice='deflect']").click()
    path = played[:2] + ["just-a-form/deflect"]
    page.wait_for_function(f"{count} === '{4 if edition == '1.2' else 3}'")
    leave(page)
    values = page.evaluate("window.lmsValues")
    held = interactions_set(values)
    node_id = lambda node: f"{TALK}--{node}"  # noqa: E731
    if edition == "1.2":  # a record per choice, the choice's letter at its node
        expected = [("arrive", "a", "correct", "a"), ("how-are-you", "b", wrong, "a"),
                    ("just-a-form", "a", "neutral", None), ("just-a-form", "b", "neutral", None)]
    else:  # the node's interaction, the last choice there
        expected = [("arrive", "welcome", "correct", "welcome"), ("how-are-you", "reassure", wrong, "open"),
                    ("just-a-form", "deflect", "neutral", None)]
    assert len(held) == len(expected)
    for n, (node, given, result, correct) in enumerate(expected):
        record = held[n]
        assert record["id"] == node_id(node) and record["type"] == "choice", record
        assert record[response] == given and record["result"] == result, record
        assert record.get("correct_responses.0.pattern") == correct, record
        assert record["objectives.0.id"] == "07-people-processes"
        if edition == "2004":
            assert record["description"] == entry["nodes"][node]["text"]
    if edition == "2004":  # the third node's interaction was written twice, at one index
        written = [e[2] for e in page.evaluate("window.lmsLog")
                   if e[0] == "SetValue" and e[1] == "cmi.interactions.2.learner_response"]
        assert written == ["correct", "deflect"]
    data = values["cmi.suspend_data"]
    assert len(data) <= scorm.SUSPEND_LIMIT_12
    assert re.fullmatch(r"c2\.~" + re.escape(entry["code"]) + r"[A-Za-z0-9_-]{2}A011", data), data
    saved = {key: value for key, value in values.items() if key.startswith("cmi.interactions.")}
    saved.update({"cmi.suspend_data": data, keys(edition)["location"]: TALK_PAGE})
    assert watch.take() == []
    context.close()

    # Another PC, where someone else reached an ending: the LMS's path wins.
    someone_else = json.dumps({"version": 1, "paths": {TALK: {"steps": ["arrive/quick"], "endings": ["end-plan"],
                                                              "at": 5}}})
    context, watch, page, course = launch(browser, lms, edition, saved=saved,
                                          browser_storage={CONVERSATIONS_KEY: someone_else})
    course_loaded(page, TALK_PAGE)
    mine = course.locator(".course-conversation__log .course-conversation__line--you > p:first-child")
    mine.nth(len(path) - 1).wait_for()
    assert [" ".join(t.split()) for t in mine.all_inner_texts()] == [f"You: “{says[step]}”" for step in path]
    now = course.locator(".course-conversation__choices-now button[data-choice]")
    # Back at the node the path reached, with its choices offered as the page shows them.
    assert [now.nth(i).get_attribute("data-choice") for i in range(now.count())] == \
        [c.id for c in course_conversations()[TALK].shown_choices("defensive")]
    stored = json.loads(page.evaluate(f"localStorage.getItem('{CONVERSATIONS_KEY}')"))["paths"]
    assert list(stored) == [TALK] and stored[TALK]["steps"] == path and stored[TALK]["endings"] == []
    open_page(page, course, "progress.html")
    row = course.locator(f"tr[data-conversation-row='{TALK}'] [data-reached]")
    assert row.inner_text() == "Started, no ending yet"
    leave(page)
    assert interactions_set(page.evaluate("window.lmsValues")) == {}, "nothing reported again"
    assert commits(page)[-1]["cmi.suspend_data"] == data
    assert watch.take() == []
    context.close()


def test_answers_saved_by_the_release_before_conversations_are_restored(browser, lms):
    """Issue 26: "c2" data from the last release (answers only) restores its answers in a
    package with conversations, and a conversation path added keeps them."""
    table = scorm.question_table(check_course(ROOT, read_pages(ROOT / "docs")))
    first = table[0]
    old = scorm.encode_suspend_data(table, {first["id"]: {
        "answered": True, "correct": True, "code": first["code"], "at": 1795132800000,
        "selectedValues": first["answers"] if first["type"] == "fill" else first["right"]}})
    context, watch, page, course = launch(browser, lms, "2004", saved={"cmi.suspend_data": old})
    stored = page.evaluate("JSON.parse(localStorage.getItem('course-answers:supervisor-course')).answers")
    assert list(stored) == [first["id"]] and stored[first["id"]]["correct"] is True
    open_page(page, course, TALK_PAGE)
    course.locator(".course-conversation__choices-now [data-choice='welcome']").click()
    page.wait_for_function("(window.lmsValues['cmi.suspend_data'] || '').includes('~')")
    data = page.evaluate("window.lmsValues['cmi.suspend_data']")
    assert data.startswith(old + ".~")
    assert watch.take() == []
    context.close()


def test_worst_case_encoding_matches_the_python_figure(browser, lms):
    """The launcher's encoder and courseware/release/scorm.py agree on the worst case."""
    context, watch, page, course = launch(browser, lms, "1.2")
    frame = next(f for f in page.frames if f.url.endswith("scorm-launch.html"))
    paths = scorm.conversation_table(course_conversations())
    encoded = frame.evaluate("""longest => {
        const answers = {};
        window.courseScorm.questions.forEach(q => {
          answers[q.id] = {answered: true, correct: true, reviews: 3, code: q.code,
            selectedValues: q.type === "fill" ? q.answers : q.options, at: Date.UTC(2026, 10, 20, 15)};
        });
        const data = window.courseScormSession.encode(answers, longest);
        const back = window.courseScormSession.decode(data);
        const first = window.courseScorm.questions[0];
        const old = window.courseScormSession.decode("c1." + first.code + "1" + data.split(".")[1].slice(8));
        return {data: data, restored: Object.keys(back).length, total: window.courseScorm.questions.length,
                sample: back[first.id], fromC1: Object.keys(old),
                paths: window.courseScormSession.decodePaths(data)};
    }""", longest_paths(paths))
    table = scorm.question_table(check_course(ROOT, read_pages(ROOT / "docs")))
    assert len(encoded["data"]) == scorm.worst_case_suspend_length(table, paths) <= scorm.SUSPEND_LIMIT_12
    assert {conv_id: (p["steps"], p["endings"]) for conv_id, p in encoded["paths"].items()} == \
        {conv_id: (p["steps"], p["endings"]) for conv_id, p in longest_paths(paths).items()}
    assert encoded["restored"] == encoded["total"] == len(table)
    # The day answered and the count of spaced reviews survive (review.js spaces by them);
    # saved data in the first format (no day) is still read.
    assert encoded["sample"]["reviews"] == 3
    assert encoded["sample"]["at"] == 1795132800000  # 20 November 2026, 00:00 UTC
    assert encoded["fromC1"] == [table[0]["id"]]
    context.close()


def test_the_package_opened_without_an_lms_works_on_its_own(browser, lms):
    context, watch, page, _ = launch(browser, lms, "2004")
    context.close()
    context, watch = open_context(browser, lms, "light")
    page = context.new_page()
    page.goto("2004/scorm-launch.html")
    page.wait_for_url("**/2004/index.html")
    page.locator("h1").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert watch.take() == []
    context.close()


# --- refusals ------------------------------------------------------------------------------

def test_a_mastery_score_outside_0_to_100_is_refused(tmp_path):
    repo = make_repo(tmp_path / "repo")
    set_mastery(repo, "120")
    result = lms_only(repo)
    assert result.returncode == 2
    assert re.search(r"organisation\.yml:\d+: 'lms\.mastery_score' must be a whole number from 0 to 100",
                     result.stderr), result.stderr
    assert not (repo / "dist").exists()


def test_a_question_id_an_lms_cannot_use_is_refused(tmp_path):
    repo = make_repo(tmp_path / "repo")
    for path in [*(repo / "quizzes").glob("*.yml"), *(repo / "docs").rglob("*.md")]:
        text = path.read_text()
        if "found-kotter-two-kinds-of-work" in text:
            path.write_text(text.replace("found-kotter-two-kinds-of-work", "1-kotter-two-kinds-of-work"))
    git(repo, "commit", "-qam", "An id that starts with a digit")
    result = lms_only(repo)
    assert result.returncode == 2
    assert re.search(r"quizzes/01-foundations\.yml:\d+: question id '1-kotter-two-kinds-of-work' is not a valid "
                     r"QTI identifier", result.stderr), result.stderr
    assert not (repo / "dist").exists()


def test_a_progress_file_in_the_lms_brings_notes_but_never_answers(browser, lms, tmp_path):
    """The LMS keeps the answers and the conversation paths: a file loaded inside the
    package must not change them."""
    context, watch, page, course = launch(browser, lms, "1.2")
    frame = next(f for f in page.frames if f.url.endswith("scorm-launch.html"))
    frame.evaluate("document.getElementById('course-frame').contentWindow.location.href = 'progress.html'")
    course_loaded(page, "progress.html")
    entry = "modules/02-coaching/grow-and-sbi#practice-write-it-before-you-say-it"
    file = tmp_path / "progress.json"
    file.write_text(json.dumps({
        "format": "leading-a-contact-centre-team/progress", "version": 1, "course": "supervisor-course",
        "answers": {"found-kotter-two-kinds-of-work": {"answered": True, "correct": True, "selectedValues": [],
                                                        "at": 5}},
        "notebook": {"entries": {entry: {"text": "My SBI", "at": 5}}, "plan": {}},
        "conversations": {TALK: {"steps": ["arrive/welcome"], "endings": ["end-plan"], "at": 5}}}))
    course.locator("input[data-progress-load]").set_input_files(file)
    course.get_by_text("only your notes were loaded").wait_for()
    stored = page.evaluate("JSON.parse(localStorage.getItem('course-answers:supervisor-course')).answers")
    notes = page.evaluate("JSON.parse(localStorage.getItem('course-notebook:supervisor-course')).entries")
    assert stored == {} and notes[entry]["text"] == "My SBI"
    paths = page.evaluate(f"JSON.parse(localStorage.getItem('{CONVERSATIONS_KEY}')).paths")
    assert paths == {}, "the LMS keeps the conversation paths too (issue 26)"
    leave(page)
    assert commits(page)[-1]["cmi.suspend_data"] == "c2"
    assert watch.take() == []
    context.close()


NOTEBOOK = "course-notebook:supervisor-course"
OWNER = "course-notebook-owner:supervisor-course"


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_next_learner_on_a_shared_pc_never_sees_the_notebook(browser, lms, edition):
    """DEF-3: the notebook stays in the browser for the learner who wrote it; another learner
    launching on the same PC finds it cleared, the same learner finds it kept."""
    learner = "cmi.core.student_id" if edition == "1.2" else "cmi.learner_id"
    notes = json.dumps({"version": 1, "entries": {"x": {"text": "LEARNER A PRIVATE", "at": 5}}, "plan": {}})
    for owner, kept in (("learner-a", False), ("learner-b", True)):
        aside = "course-answers:supervisor-course:unreadable"  # a copy the answer store once kept aside
        context, watch, page, course = launch(browser, lms, edition, saved={learner: "learner-b"},
                                              browser_storage={NOTEBOOK: notes, OWNER: owner, aside: "LEARNER A"})
        held = page.evaluate(f"[localStorage.getItem('{NOTEBOOK}'), localStorage.getItem('{OWNER}')]")
        assert held == ([notes, "learner-b"] if kept else [None, "learner-b"]), owner
        assert page.evaluate(f"localStorage.getItem('{aside}')") is None, "the LMS holds the answers"
        assert watch.take() == []
        context.close()


def test_saved_data_the_package_cannot_read_is_left_alone_and_a_bad_bookmark_opens_home(browser, lms, tmp_path):
    """DEF-10: a newer package's saved data stays in the LMS until the learner answers here;
    a bookmark that is not an address opens the home page instead of nothing."""
    k = keys("1.2")
    newer = "c9.Zz9a1Bb.q"
    context, watch, page, course = launch(browser, lms, "1.2",
                                          saved={"cmi.suspend_data": newer, k["location"]: "http://[::1"})
    course_loaded(page, "index.html")
    assert "cmi.suspend_data" not in page.evaluate("window.lmsValues")
    frame = next(f for f in page.frames if f.url.endswith("scorm-launch.html"))
    # Loading notes from a progress file is not answering: the unread data stays (S61).
    frame.evaluate("document.getElementById('course-frame').contentWindow.location.href = 'progress.html'")
    course_loaded(page, "progress.html")
    file = tmp_path / "progress.json"
    file.write_text(json.dumps({"format": "leading-a-contact-centre-team/progress", "version": 1,
                                "course": "supervisor-course", "answers": {},
                                "notebook": {"entries": {}, "plan": {}}}))
    course.locator("input[data-progress-load]").set_input_files(file)
    course.get_by_text("only your notes were loaded").wait_for()
    assert "cmi.suspend_data" not in page.evaluate("window.lmsValues")
    frame.evaluate(f"document.getElementById('course-frame').contentWindow.location.href = '{LESSON}'")
    course_loaded(page, LESSON)
    answer(course.locator("div.quiz:has(fieldset)").first, right=True)
    page.wait_for_function("(window.lmsValues['cmi.suspend_data'] || '').startsWith('c2.')")
    assert watch.take() == []
    context.close()
