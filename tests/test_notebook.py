"""The practice notebook and action plan: a learner writes their own answer before the
model answer opens, it is kept in the browser and gathered on "My notebook" with a link
back; plan ticks on a summary show there too; the notebook downloads and prints; the
same works from file:// in the offline copy; and damaged storage never breaks a page."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from browsing import axe_violations, offline_context, open_context, visit
from conftest import ROOT, copy_project, strict_build
from courseware import CourseError
from courseware.model.course import read_pages
from courseware.pages import notebook as nb
from test_journey import offline_site  # noqa: F401 (a fixture)
from test_progress_file import load_file, save_file

NAME = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["storage_name"]
KEY = "course-notebook:" + NAME
LESSON = "modules/02-coaching/grow-and-sbi/"
ACTIVITY = "modules/02-coaching/grow-and-sbi#practice-write-it-before-you-say-it"
TITLE = "Practice: write it before you say it"
# A lesson with two activities: the second one is written in.
OTHER_LESSON = "modules/05-building-a-legacy/culture-and-reputation/"
OTHER = "modules/05-building-a-legacy/culture-and-reputation#reflect-read-your-own-culture"
OTHER_TITLE = "Reflect: read your own culture"
SUMMARY = "modules/02-coaching/summary/"
PLAN_TEXT = "Pick one task you have been checking too closely, and hand it back with one coaching question."
PLAN_ID = nb.plan_item_id("02-coaching", PLAN_TEXT)
FIRST_TEXT = "Situation: Tuesday's 10 o'clock huddle.\nBehaviour: Callum read the queue out loud."
OTHER_TEXT = "People copy what I praise at the huddle, so I will praise the fix, not the speed."


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def entry(page, activity: str):
    return page.locator(f'[data-notebook-entry="{activity}"]')


def write(page, title: str, text: str):
    """Type an answer the way a learner does, and wait until the page says it is kept."""
    box = page.get_by_label(f"Your answer to \u201c{title}\u201d")
    box.fill(text)
    status = box.locator("xpath=ancestor::div[@data-notebook-entry]//*[@role='status']")
    status.filter(has_text="Saved in this browser").wait_for()


def click_item(page, text: str):
    """Tick or untick a plan item as a learner does, on its words (the theme draws the box
    over the real checkbox)."""
    page.locator("label.task-list-control", has=page.get_by_role("checkbox", name=text)).click()


def summary_of(page, activity: str):
    return page.locator(f'details[data-notebook-answer="{activity}"] > summary')


@pytest.fixture
def learner(browser, server):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    yield page, watch
    context.close()


# --- the sources -------------------------------------------------------------------------------

def test_every_practice_section_is_an_activity_with_the_id_the_page_gives_it(site):
    notebook = nb.scan(read_pages(ROOT / "docs"))
    practice = [(src, line) for src, text in read_pages(ROOT / "docs").items() if src.startswith("modules/")
                for line in text.splitlines() if re.match(r"^#{2,3} (Practice|Reflect):", line)]
    floor = [a for a in notebook.activities if a.src == nb.FLOOR_PLAN]
    assert len(notebook.activities) - len(floor) == len(practice) >= 35
    assert ACTIVITY in [a.id for a in notebook.activities]
    for activity in notebook.activities:
        page = site / activity.src.removesuffix(".md") / "index.html"
        assert re.search(rf'<h[23] id={re.escape(activity.anchor)}>', page.read_text()), activity.id
    assert len(notebook.plan) == sum(text.count("\n- [ ] ") for src, text in read_pages(ROOT / "docs").items()
                                     if src.endswith("/summary.md"))


def test_plan_item_ids_follow_the_contract():
    assert re.fullmatch(r"plan:02-coaching:[0-9a-f]{10}", PLAN_ID)
    assert nb.plan_item_id("02-coaching", "  Pick one task you have\nbeen checking  too closely, and hand it back "
                           "with one coaching question. ") == PLAN_ID


def test_a_practice_section_without_a_model_answer_is_an_error():
    page = "# A lesson\n\n## Practice: try it\n\nDo the task.\n\n## Key takeaways\n\n- One.\n"
    with pytest.raises(CourseError) as error:
        nb.scan({"modules/09-x/a-lesson.md": page})
    assert "docs/modules/09-x/a-lesson.md:3: 'Practice: try it' has no model answer" in str(error.value)
    stray = "# A lesson\n\n??? success \"Model answer\"\n\n    Text.\n"
    with pytest.raises(CourseError, match=r"a-lesson.md:3: a model answer must sit in"):
        nb.scan({"modules/09-x/a-lesson.md": stray})


def test_the_build_stops_on_a_practice_section_without_a_model_answer(tmp_path):
    project = copy_project(tmp_path / "project")
    lesson = project / "docs/modules/02-coaching/grow-and-sbi.md"
    text = lesson.read_text()
    lesson.write_text(text.replace('??? success "Model answer"', "Compare with a colleague.", 1))
    result = strict_build(project, tmp_path / "site")
    assert result.returncode != 0
    line = text.splitlines().index(f"## {TITLE}") + 1
    assert f"docs/modules/02-coaching/grow-and-sbi.md:{line}: '{TITLE}' has no model answer" \
        in result.stdout + result.stderr


def test_the_30_60_90_day_plan_keeps_a_box_for_each_stage_in_the_notebook():
    notebook = nb.scan(read_pages(ROOT / "docs"))
    assert [a.id for a in notebook.on_page(nb.FLOOR_PLAN)] == [
        f"floor/plan#write-your-day-{day}-aims" for day in (30, 60, 90)]
    assert notebook.floor_plan_title == "Your 30-60-90-day plan"
    html = nb._answers(notebook, {src: src.removesuffix(".md") + "/" for src in read_pages(ROOT / "docs")}, "notebook/")
    assert html.index("{#notebook-08-wellbeing-and-customers}") < html.index("{#notebook-floor-plan}"), \
        "after the modules' answers, in the navigation's order"
    assert 'data-notebook-view="floor/plan#write-your-day-90-aims"' in html


def test_a_plan_page_without_a_box_is_an_error():
    with pytest.raises(CourseError, match=r"docs/floor/plan.md:1: the 30-60-90-day plan has no box"):
        nb.scan({nb.FLOOR_PLAN: "# Your plan\n\n## Days 1 to 30\n\nAim high.\n"})


# --- in the browser ------------------------------------------------------------------------------

def test_the_model_answer_opens_only_after_writing(learner):
    page, watch = learner
    visit(page, LESSON)
    summary = summary_of(page, ACTIVITY)
    assert summary.inner_text() == "Model answer (write yours first)"
    summary.click()
    assert not summary.evaluate("s => s.parentElement.open")
    box = page.get_by_label(f"Your answer to \u201c{TITLE}\u201d")
    assert box.evaluate("b => b === document.activeElement"), "the box to write in has the focus"
    assert "Write your answer in the box first" in entry(page, ACTIVITY).locator("[role=status]").inner_text()
    summary.focus()
    page.keyboard.press("Enter")
    assert not summary.evaluate("s => s.parentElement.open"), "the keyboard cannot open it either"
    write(page, TITLE, "My first go.")
    assert summary.inner_text() == "Model answer"
    summary.click()
    assert summary.evaluate("s => s.parentElement.open")
    assert axe_violations(page) == [] and watch.take() == []


def test_two_answers_are_kept_and_gathered_in_my_notebook(learner, server):
    page, watch = learner
    visit(page, LESSON)
    write(page, TITLE, FIRST_TEXT)
    visit(page, OTHER_LESSON)
    write(page, OTHER_TITLE, OTHER_TEXT)
    assert set(stored(page)["entries"]) == {ACTIVITY, OTHER}

    page.reload()
    assert page.get_by_label(f"Your answer to \u201c{OTHER_TITLE}\u201d").input_value() == OTHER_TEXT
    assert summary_of(page, OTHER).inner_text() == "Check your work"
    visit(page, LESSON)
    assert page.get_by_label(f"Your answer to \u201c{TITLE}\u201d").input_value() == FIRST_TEXT

    visit(page, "notebook/")
    intro = page.locator(".md-content").inner_text()
    assert "kept in this browser only" in intro and "keeps your quiz answers, not your notes" in intro
    views = page.locator("[data-notebook-view]")
    assert views.count() == len(nb.scan(read_pages(ROOT / "docs")).activities)
    first = page.locator(f'[data-notebook-view="{ACTIVITY}"]')
    assert first.locator("[data-notebook-view-text]").inner_text() == FIRST_TEXT
    assert page.locator(f'[data-notebook-view="{OTHER}"] [data-notebook-view-text]').inner_text() == OTHER_TEXT
    assert page.locator(".course-notebook-view__text--empty").count() == views.count() - 2
    assert "Not written yet" in page.locator(".course-notebook-view__text--empty").first.inner_text()
    assert axe_violations(page) == [] and watch.take() == []

    # Back to the task by its link: the lesson's box has the text.
    first.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(re.escape(LESSON) + "#practice-write-it-before-you-say-it$"))
    box = page.get_by_label(f"Your answer to \u201c{TITLE}\u201d")
    box.wait_for()
    assert box.input_value() == FIRST_TEXT
    assert page.locator("h2#practice-write-it-before-you-say-it").is_visible()
    assert watch.take() == []


def test_every_link_on_my_notebook_leads_to_its_activity(site):
    page = site / "notebook/index.html"
    html = page.read_text()
    links = re.findall(r'<h5><a href=([^ >]+)>', html)
    assert len(links) == len(nb.scan(read_pages(ROOT / "docs")).activities)
    for href in links:
        target = urlsplit(urljoin("http://x/notebook/", href))
        built = (site / target.path.strip("/") / "index.html").read_text()
        assert f"id={target.fragment}>" in built and "data-notebook-entry=" in built, href


def test_a_plan_tick_on_a_summary_shows_in_my_notebook(learner):
    page, watch = learner
    visit(page, SUMMARY)
    box = page.get_by_role("checkbox", name=PLAN_TEXT)
    assert box.is_enabled() and not box.is_checked()
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    assert stored(page)["plan"][PLAN_ID]["done"] is True
    assert axe_violations(page) == [] and watch.take() == []

    visit(page, "notebook/")
    there = page.get_by_role("checkbox", name=PLAN_TEXT)
    assert there.is_checked()
    assert page.locator("[data-plan-item]:checked").count() == 1
    click_item(page, PLAN_TEXT)  # ticks work both ways, from either page
    assert not there.is_checked()
    visit(page, SUMMARY)
    assert not page.get_by_role("checkbox", name=PLAN_TEXT).is_checked()
    assert watch.take() == []


FLOOR_PLAN_PAGE = "floor/plan/"
DAY_30 = "floor/plan#write-your-day-30-aims"
DAY_30_TITLE = "Write your day-30 aims"
DAY_30_TEXT = "By day 14: a first one-to-one with each agent, the next one booked in both diaries."


def test_the_30_60_90_day_plan_is_kept_gathered_printed_and_carried_in_the_progress_file(learner, tmp_path):
    """Issue 25, item 5: the new team leader's aims for day 30, 60 and 90 are written on the
    plan's page in the notebook's own boxes, so they are kept in the one store, shown and
    printed in "My notebook", downloaded, and saved to and loaded from the progress file."""
    page, watch = learner
    visit(page, FLOOR_PLAN_PAGE)
    assert page.locator("[data-notebook-entry]").count() == 3
    assert summary_of(page, DAY_30).inner_text() == "Check your work (write yours first)"
    write(page, DAY_30_TITLE, DAY_30_TEXT)
    assert summary_of(page, DAY_30).inner_text() == "Check your work"
    assert stored(page)["entries"][DAY_30]["text"] == DAY_30_TEXT
    assert axe_violations(page) == [] and watch.take() == []

    visit(page, "notebook/")
    floor = page.locator('[data-notebook-module="On the floor"]')
    assert floor.locator(f'[data-notebook-view="{DAY_30}"] [data-notebook-view-text]').inner_text() == DAY_30_TEXT
    assert floor.get_by_role("link", name=DAY_30_TITLE).get_attribute("href").endswith(
        "floor/plan/#write-your-day-30-aims")
    page.emulate_media(media="print")
    assert floor.locator(f'[data-notebook-view="{DAY_30}"]').is_visible(), "printed with the other answers"
    assert not floor.locator('[data-notebook-view="floor/plan#write-your-day-60-aims"]').is_visible()
    page.emulate_media(media="screen")
    document = Document(download_notebook(page, tmp_path))
    assert ("h3", "", "On the floor") in document.blocks and ("p", "answer", DAY_30_TEXT) in document.blocks

    visit(page, "progress/")
    saved = save_file(page, tmp_path)
    assert saved["notebook"]["entries"][DAY_30]["text"] == DAY_30_TEXT
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear everything").click()
    assert stored(page) is None
    load_file(page, tmp_path, saved)
    visit(page, FLOOR_PLAN_PAGE)
    assert page.get_by_label(f"Your answer to \u201c{DAY_30_TITLE}\u201d").input_value() == DAY_30_TEXT
    assert watch.take() == []


def download_notebook(page, tmp_path: Path) -> str:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as a document").click()
    assert download.value.suggested_filename == "my-notebook.html"
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path.read_text(encoding="utf-8")


class Document(HTMLParser):
    """A downloaded notebook read as a browser or Word reads it: its elements in order,
    each (tag, class, text), and whether it carries a script."""

    def __init__(self, html: str):
        super().__init__()
        self.blocks: list[tuple[str, str, str]] = []
        self.tags: set[str] = set()
        self._open: list[list] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in {"title", "h1", "h2", "h3", "h4", "h5", "p", "li"}:
            self._open.append([tag, dict(attrs).get("class") or "", []])

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            name, cls, text = self._open.pop()
            self.blocks.append((name, cls, "".join(text)))

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


def test_a_plan_tick_the_browser_will_not_keep_is_undone_and_said(learner):
    """L05-c (DEF-9): with storage full, a tick looked kept and was lost at the next visit."""
    page, watch = learner
    visit(page, SUMMARY)
    page.evaluate("""() => {
        let size = 1 << 20, i = 0;
        while (size >= 16) {
            try { localStorage.setItem('filler-' + i++, 'x'.repeat(size)); } catch (error) { size >>= 1; }
        }
    }""")
    box = page.get_by_role("checkbox", name=PLAN_TEXT)
    box.focus()
    page.keyboard.press("Space")
    page.locator(".course-plan-status").filter(has_text="Not saved").first.wait_for(timeout=5000)
    assert not box.is_checked(), "a tick the browser did not keep is not shown as kept"
    assert (stored(page) or {}).get("plan", {}).get(PLAN_ID) is None
    page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('filler-')).forEach(k => localStorage.removeItem(k))")
    assert watch.take() == []


def test_the_download_is_a_document_a_work_pc_opens(learner, tmp_path):
    """m19 (new-user walk): "Download as a document" gave my-notebook.md, Markdown with #####
    headings, a puzzle for a supervisor on a Windows PC. Now it is one HTML file with its
    own styles and no script, which opens in any browser and in Word: the written answers
    under their module, lesson and task, and the whole action plan, ticks and all."""
    page, watch = learner
    visit(page, LESSON)
    write(page, TITLE, FIRST_TEXT)
    visit(page, OTHER_LESSON)
    write(page, OTHER_TITLE, OTHER_TEXT)
    visit(page, SUMMARY)
    click_item(page, PLAN_TEXT)
    visit(page, "notebook/")
    html = download_notebook(page, tmp_path)
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    document = Document(html)
    assert "script" not in document.tags and "link" not in document.tags, "self-contained, nothing to run"
    assert ("title", "", "My notebook: Leading a contact-centre team") in document.blocks
    blocks = [(tag, text) for tag, _cls, text in document.blocks if tag != "title"]
    assert blocks[0] == ("h1", "My notebook: Leading a contact-centre team")
    at = blocks.index(("h5", TITLE))
    assert blocks[at + 1] == ("p", FIRST_TEXT), "an answer as written, line breaks and all"
    assert blocks[at - 1][0] == "h4" and blocks[at - 2] == ("h3", "Coaching: bringing out the best in your team")
    assert ("p", OTHER_TEXT) in blocks
    assert not any("Not written yet" in text for _tag, text in blocks), "only what is written"
    plan = [text for tag, text in blocks if tag == "li"]
    assert "\u2611 Done: " + PLAN_TEXT in plan
    assert sum(text.startswith("\u2610 To do: ") for text in plan) == len(nb.scan(read_pages(ROOT / "docs")).plan) - 1
    status = page.locator(".course-notebook-status").inner_text()
    assert "downloaded as my-notebook.html" in status and "Word" in status

    assert watch.take() == []

    # Opened from where the browser saved it, it reads as a document and prints.
    context, errors = offline_context(page.context.browser)
    opened = context.new_page()
    opened.goto((tmp_path / "my-notebook.html").as_uri())
    assert opened.title() == "My notebook: Leading a contact-centre team"
    assert opened.locator("h1").inner_text() == "My notebook: Leading a contact-centre team"
    assert opened.locator("p.answer").first.inner_text() == FIRST_TEXT
    assert len(re.findall(rb"/Type\s*/Page\b", opened.pdf(format="A4"))) <= 5, "two answers and the plan"
    assert axe_violations(opened) == [] and errors == []
    context.close()


def test_the_download_says_when_nothing_is_written(learner, tmp_path):
    """m19 (new-user walk): an empty notebook's document says so in one line."""
    page, watch = learner
    visit(page, "notebook/")
    blocks = Document(download_notebook(page, tmp_path)).blocks
    assert ("p", "", nb.NOTHING_WRITTEN) in blocks
    assert not any(tag == "h5" for tag, _cls, _text in blocks)
    assert watch.take() == []


def test_printing_my_notebook_prints_only_what_is_written(learner):
    """m20 (new-user walk): printing My notebook with one entry took nine pages, almost all
    "Not written yet". On paper only written answers show, under their module and lesson;
    with nothing written, one line says so. The screen keeps every task and its link."""
    page, watch = learner
    visit(page, "notebook/")
    plan_only = printed_pages(page)   # the introduction and the whole action plan
    visit(page, LESSON)
    write(page, TITLE, FIRST_TEXT)
    visit(page, "notebook/")
    assert printed_pages(page) <= plan_only + 1, "one entry adds at most a page, not nine pages"
    page.emulate_media(media="print")
    shown = page.locator("[data-notebook-view]").evaluate_all(
        "vs => vs.filter(v => v.checkVisibility()).map(v => v.getAttribute('data-notebook-view'))")
    assert shown == [ACTIVITY]
    nothing = page.locator("[data-notebook-nothing]")
    assert not nothing.is_visible()
    headings = page.locator("article h3").evaluate_all(
        "hs => hs.filter(h => h.checkVisibility()).map(h => h.id)")
    answers = [h for h in headings if not h.startswith("notebook-plan-")]
    assert answers == ["notebook-02-coaching"], "only the module with an answer keeps its heading"
    assert page.locator(".course-notebook-lesson").evaluate_all(
        "ls => ls.filter(l => l.checkVisibility()).length") == 1
    plan_item = page.locator("label.task-list-control", has=page.get_by_role("checkbox", name=PLAN_TEXT))
    assert plan_item.is_visible(), "the action plan prints whole"
    page.emulate_media(media="screen")
    assert page.locator(".course-notebook-view__text--empty").first.is_visible(), "the screen keeps every task"

    page.evaluate(f"localStorage.removeItem('{KEY}')")
    visit(page, "notebook/")
    page.emulate_media(media="print")
    assert nothing.is_visible() and nothing.inner_text() == nb.NOTHING_WRITTEN, "an empty notebook says so"
    assert page.locator("[data-notebook-view]").evaluate_all("vs => vs.every(v => !v.checkVisibility())")
    page.emulate_media(media="screen")
    assert not nothing.is_visible() and page.locator("[data-notebook-view]").first.is_visible()
    assert watch.take() == []


def printed_pages(page) -> int:
    """How many A4 sheets the page prints on."""
    return len(re.findall(rb"/Type\s*/Page\b", page.pdf(format="A4", prefer_css_page_size=True)))


def test_my_notebook_prints_without_menus_or_buttons(learner):
    page, watch = learner
    visit(page, "notebook/")
    page.emulate_media(media="print")
    for selector in [".course-notebook-actions", ".md-header", ".md-sidebar--primary", ".md-footer"]:
        assert not page.locator(selector).first.is_visible(), selector
    # Nothing written yet: one line says so (m20), and no task prints as "Not written yet".
    assert page.locator("[data-notebook-nothing]").is_visible()
    assert not page.locator("[data-notebook-view]").first.is_visible()
    link = page.locator(".course-notebook-view h5 a").first
    assert link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    page.emulate_media(media="screen")
    assert watch.take() == []


def test_damaged_storage_starts_clean_and_never_breaks_the_page(learner):
    page, watch = learner
    visit(page, LESSON)
    page.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    visit(page, LESSON)
    assert entry(page, ACTIVITY).is_visible()
    write(page, TITLE, "A fresh start.")
    assert stored(page)["entries"][ACTIVITY]["text"] == "A fresh start."
    # Sound entries are kept, unsound ones dropped; nothing throws.
    page.evaluate(f"""localStorage.setItem('{KEY}', JSON.stringify({{version: 1,
        entries: {{'{ACTIVITY}': {{text: 'kept', at: 5}}, bad: {{text: 3}}, worse: null}},
        plan: {{'{PLAN_ID}': {{done: 'yes', at: 1}}}}}}))""")
    assert page.evaluate("window.courseNotebook.all()") == {
        "version": 1, "entries": {ACTIVITY: {"text": "kept", "at": 5}}, "plan": {}}
    assert page.evaluate("window.courseNotebook.put(null, 'x')") is False
    assert page.evaluate("window.courseNotebook.replace('rubbish')") is True
    assert stored(page) == {"version": 1, "entries": {}, "plan": {}}
    assert watch.take() == []


def test_without_javascript_the_lesson_works_as_before(browser, server):
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    page.goto(LESSON)
    assert not entry(page, ACTIVITY).is_visible()
    summary = summary_of(page, ACTIVITY)
    assert summary.inner_text() == "Model answer"
    summary.click()
    assert page.locator(f'details[data-notebook-answer="{ACTIVITY}"]').get_attribute("open") is not None
    page.goto(SUMMARY)
    assert page.get_by_role("checkbox", name=PLAN_TEXT).is_disabled()
    context.close()


def test_the_notebook_works_from_file_in_the_offline_copy(browser, offline_site, tmp_path):  # noqa: F811
    context, errors = offline_context(browser)
    page = context.new_page()
    page.goto((offline_site / "modules/02-coaching/grow-and-sbi.html").as_uri())
    write(page, TITLE, FIRST_TEXT)
    page.goto((offline_site / "modules/02-coaching/summary.html").as_uri())
    click_item(page, PLAN_TEXT)
    page.goto((offline_site / "notebook.html").as_uri())
    assert page.locator(f'[data-notebook-view="{ACTIVITY}"] [data-notebook-view-text]').inner_text() == FIRST_TEXT
    assert page.get_by_role("checkbox", name=PLAN_TEXT).is_checked()
    assert FIRST_TEXT in download_notebook(page, tmp_path)
    page.locator(f'[data-notebook-view="{ACTIVITY}"]').get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"grow-and-sbi\.html#practice-write-it-before-you-say-it$"))
    assert page.get_by_label(f"Your answer to \u201c{TITLE}\u201d").input_value() == FIRST_TEXT
    assert errors == []
    context.close()
