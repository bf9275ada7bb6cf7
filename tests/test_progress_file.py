"""Progress that travels: save everything to a file, clear everything, load it back, and
the refusals that change nothing; the printable course record agrees with "My progress"."""
from __future__ import annotations

import json

import pytest
import yaml

from browsing import axe_violations, open_context, visit
from conftest import ROOT
from test_journey import answer_all, offline_site  # noqa: F401 (a fixture)
from test_progress import STORE, stored

NAME = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["storage_name"]
NOTEBOOK = "course-notebook:" + NAME
LESSON = "modules/02-coaching/grow-and-sbi/"
ENTRY = "modules/02-coaching/grow-and-sbi#practice-write-it-before-you-say-it"


def notebook(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{NOTEBOOK}')") or "null")


def status(page) -> str:
    return page.locator(".course-progress-file__status").inner_text()


def save_file(page, tmp_path) -> dict:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my progress to a file").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return json.loads(path.read_text())


def load_file(page, tmp_path, content, name="progress.json"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    page.locator("input[data-progress-load]").set_input_files(path)
    # The status says "Reading …" as soon as the file is chosen (it may still hold what
    # "Save" or "Clear everything" said before); the load's own sentence comes after that.
    page.wait_for_function("""() => {
        const said = document.querySelector('.course-progress-file__status').textContent;
        return said.length > 0 && !said.startsWith('Reading ');
    }""")


@pytest.fixture
def learner(browser, server):
    """A learner who has answered a lesson's questions (all wrong) and written one notebook entry."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, LESSON)
    answer_all(page, wrong=True)
    page.evaluate("""([key, id]) => localStorage.setItem(key, JSON.stringify({version: 1,
        entries: {[id]: {text: "Situation: Tuesday's 10 o'clock huddle.", at: 1000}},
        plan: {"plan:02-coaching:0123456789": {done: true, at: 1000}}}))""", [NOTEBOOK, ENTRY])
    visit(page, "progress/")
    yield page, watch
    context.close()


def test_save_clear_and_load_brings_everything_back(learner, tmp_path):
    page, watch = learner
    answers = stored(page)
    assert answers
    saved = save_file(page, tmp_path)
    assert saved["format"] == "leading-a-contact-centre-team/progress" and saved["version"] == 1
    assert saved["course"] == NAME and saved["answers"] == answers
    assert ENTRY in saved["notebook"]["entries"] and saved["notebook"]["plan"]
    assert "Saved" in status(page)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear everything").click()
    assert stored(page) == {} and notebook(page) is None
    page.get_by_text(f"You have not answered any of the").first.wait_for()

    load_file(page, tmp_path, saved)
    assert stored(page) == answers  # each answer keeps its own time
    assert notebook(page)["entries"][ENTRY]["text"].startswith("Situation")
    assert f"Loaded {len(answers)} answers, 1 notebook entry and 1 action-plan item" in status(page)
    page.get_by_text(f"You have answered {len(answers)} of").first.wait_for()
    assert axe_violations(page) == [] and watch.take() == []


def test_loading_an_older_file_keeps_newer_work(learner, tmp_path):
    page, _ = learner
    saved = save_file(page, tmp_path)
    some_id = next(iter(saved["answers"]))
    newer = {**saved["answers"][some_id], "correct": True, "at": saved["answers"][some_id]["at"] + 10_000}
    page.evaluate("""([key, id, entry]) => {
        const data = JSON.parse(localStorage.getItem(key)); data.answers[id] = entry;
        localStorage.setItem(key, JSON.stringify(data)); }""", [STORE, some_id, newer])
    older = json.loads(json.dumps(saved))
    older["notebook"]["entries"][ENTRY] = {"text": "an old draft", "at": 1}
    load_file(page, tmp_path, older)
    assert stored(page)[some_id] == newer
    assert notebook(page)["entries"][ENTRY]["text"].startswith("Situation")


@pytest.mark.parametrize("content, message", [
    ("{this is not json", "damaged"),
    ({"format": "something-else", "version": 1}, "not a progress file from this course"),
    ({"format": "leading-a-contact-centre-team/progress", "version": 99, "course": NAME,
      "answers": {}, "notebook": {"entries": {}, "plan": {}}}, "newer release"),
    ({"format": "leading-a-contact-centre-team/progress", "version": 1, "course": "another-course",
      "answers": {}, "notebook": {"entries": {}, "plan": {}}}, "different course"),
    ({"format": "leading-a-contact-centre-team/progress", "version": 1, "course": NAME,
      "answers": [], "notebook": {}}, "damaged"),
])
def test_a_file_that_is_not_ours_is_refused_and_nothing_is_lost(learner, tmp_path, content, message):
    page, watch = learner
    before = (stored(page), notebook(page))
    load_file(page, tmp_path, content)
    assert message in status(page) and "nothing was loaded" in status(page).lower()
    assert (stored(page), notebook(page)) == before
    assert watch.take() == []


def test_the_course_record_agrees_with_my_progress(learner):
    page, watch = learner
    row = page.locator("tr.course-progress__module", has=page.locator("a", has_text="Coaching"))
    answered, correct = row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text()
    visit(page, "record/")
    record = page.locator(".course-progress[data-module=record] tr", has=page.locator("a", has_text="Coaching"))
    assert record.locator("[data-answered]").inner_text() == answered != "0 of 0"
    assert record.locator("[data-correct]").inner_text() == correct
    assert record.locator("[data-notebook]").inner_text() == "1"
    assert "the day you print it" not in page.locator("[data-record-date]").inner_text()
    assert axe_violations(page) == [] and watch.take() == []


def test_the_messages_count_one_in_the_singular(learner, tmp_path):
    """m7 (new-user walk): "Saved 3 answers and 1 notebook entries", "Loaded 3 answers, 1
    notebook entries and 0 action-plan items"."""
    page, _ = learner
    saved = save_file(page, tmp_path)
    some_id = next(iter(saved["answers"]))
    saved["answers"] = {some_id: saved["answers"][some_id]}
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear everything").click()
    load_file(page, tmp_path, saved)
    assert "Loaded 1 answer, 1 notebook entry and 1 action-plan item from the file" in status(page)
    save_file(page, tmp_path)
    assert "Saved 1 answer and 1 notebook entry to " in status(page)


def test_my_course_record_prints_with_its_record(learner):
    """M1 (new-user walk): the print rules hid every progress widget, the record's table
    among them, so "My course record" printed its title and explanation only."""
    page, watch = learner
    visit(page, "record/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    record = page.locator(".course-progress[data-module=record]")
    for part in ["[data-progress-text]", "[data-record-date]", "table caption"]:
        assert record.locator(part).is_visible(), f"{part} does not print"
    coaching = record.locator("tbody tr", has=page.locator("a", has_text="Coaching"))
    assert coaching.is_visible() and coaching.locator("[data-notebook]").inner_text() == "1"
    assert record.locator("tbody tr").count() == len(record.locator("tbody tr").filter(visible=True).all())
    assert not page.locator(".md-header").is_visible() and watch.take() == []


def test_a_file_saved_on_the_web_loads_in_the_offline_copy(learner, offline_site, browser, tmp_path):  # noqa: F811
    page, _ = learner
    saved = save_file(page, tmp_path)
    context = browser.new_context()
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    offline = context.new_page()
    offline.goto((offline_site / "progress.html").as_uri())
    offline.wait_for_load_state("load")
    load_file(offline, tmp_path, saved)
    assert stored(offline) == saved["answers"]
    assert notebook(offline)["entries"][ENTRY]["text"].startswith("Situation")
    offline.get_by_text(f"You have answered {len(saved['answers'])} of").first.wait_for()
    assert errors == []
    context.close()
