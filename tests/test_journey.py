"""The learner's, the trainer's and the administrator's journey through the course, in
Chromium: each defect found when the course was tried as a new user would (issue 10),
held fixed. Desktop is 1280x800, the phone 390x844 with touch."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from browsing import PHONE, axe_violations, offline_context, open_context, visit
from conftest import ROOT, serve, strict_build
from test_progress import STORE, stored

LESSON = "modules/01-foundations/managing-and-leading/"
NEXT_LESSON = "modules/01-foundations/what-the-role-asks/"


def answer_all(page, wrong: bool = False):
    """Answer every question on the page (right, or wrong), the way a learner does."""
    quizzes = page.locator("div.quiz")
    for i in range(quizzes.count()):
        quiz = quizzes.nth(i)
        blank = quiz.locator("input.quiz-blank-input")
        if blank.count():
            blank.first.fill("not it" if wrong else blank.first.get_attribute("data-answer"))
            blank.first.press("Enter")
        else:
            choices = quiz.locator("fieldset input[data-correct]" if not wrong else "fieldset input:not([data-correct])")
            for j in range(choices.count() if not wrong else 1):
                choices.nth(j).check()
            button = quiz.locator("button:not([type=button]):visible")
            if button.count():
                button.first.click()
        quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)


def all_answered_right(page) -> bool:
    return page.locator("div.quiz").evaluate_all(
        "qs => qs.every(q => q.querySelector('.quiz-feedback-item.correct') && !q.querySelector('.incorrect'))")


# --- quizzes ---------------------------------------------------------------------------------

def page_with_a_fill_in(course) -> str:
    """A lesson page that shows a fill-in-the-blank question beside choice questions."""
    fill = next(q for q in course.questions.values() if q.type == "fill" and q.page and q.page != "summary")
    return f"modules/{fill.bank}/{fill.page}/"


def test_clearing_a_page_opens_every_question_again(browser, server, course):
    """The old per-page Reset crashed on a fill-in-the-blank question and left it and every
    question after it locked; the page's "Clear my answers" opens them all."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + page_with_a_fill_in(course))
    assert page.locator("div.quiz-fill-blank").count() >= 1
    answer_all(page)
    ids = page.locator("div.quiz").evaluate_all("qs => qs.map(q => q.id)")
    assert sorted(stored(page)) == sorted(ids)
    panel = page.locator(".quiz-page-progress")
    assert f"answered {len(ids)} of {len(ids)} questions on this page" in panel.inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="Clear my answers on this page").click()
    page.wait_for_timeout(200)
    assert stored(page) == {}
    for quiz in page.locator("div.quiz").all():
        assert quiz.locator(".quiz-reset-button").count() == 1, "one Try again button a question"
        assert quiz.locator(".quiz-feedback:not(.hidden)").count() == 0
        assert quiz.locator("input:checked, input:disabled").count() == 0
        assert all(v == "" for v in quiz.locator("input.quiz-blank-input").evaluate_all("bs => bs.map(b => b.value)"))
    assert "not answered any of the" in panel.inner_text()
    assert panel.locator("[role=status]").inner_text() == "Your answers on this page have been cleared."
    assert page.locator("#quiz-progress-sidebar, #quiz-progress-mobile").count() == 0, "one progress model"
    assert watch.take() == []
    context.close()


def test_a_learner_can_try_again_and_enter_submits_a_blank(browser, server, course):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + page_with_a_fill_in(course))
    quiz = page.locator("div.quiz:not(.quiz-fill-blank)").first
    quiz.locator("fieldset input:not([data-correct])").first.check()
    quiz.locator("button:not([type=button]):visible").first.click()
    quiz.locator(".quiz-feedback-item.incorrect").wait_for()
    assert quiz.locator("[data-correct].correct, .correct [data-correct]").count() == 0, "the key is not given away"
    again = quiz.get_by_role("button", name="Try again")
    assert again.is_visible()
    again.click()
    quiz.locator("fieldset input[data-correct]").first.check()
    quiz.locator("button:not([type=button]):visible").first.click()
    quiz.locator(".quiz-feedback-item.correct").wait_for()
    assert stored(page)[quiz.get_attribute("id")]["correct"] is True

    blank_quiz = page.locator("div.quiz-fill-blank").first
    box = blank_quiz.locator("input.quiz-blank-input")
    box.fill(box.get_attribute("data-answer"))
    box.press("Enter")
    blank_quiz.locator(".quiz-feedback-item.correct").wait_for(timeout=3000)
    assert stored(page)[blank_quiz.get_attribute("id")]["correct"] is True

    visit(page, server + "progress/")
    assert "Try again" in page.locator(".md-content").inner_text(), "the progress page names the button there is"
    assert watch.take() == []
    context.close()


def test_option_feedback_shows_the_whole_option_and_text_wraps_beside_its_button(browser, server, course):
    # The single-answer question with the longest wrong option: mkdocs-quiz cut its label at 30.
    question, text = max(((q, o.text) for q in course.questions.values() if q.type == "single" and q.page
                          for o in q.options if not o.correct), key=lambda pair: len(pair[1]))
    context, watch = open_context(browser, server, "light", PHONE)
    page = context.new_page()
    visit(page, server + f"modules/{question.bank}/{question.page}/")
    quiz = page.locator(f"#{question.id}")
    option = quiz.locator("fieldset > div").filter(has=page.locator("label", has_text=text)).first
    label_text = option.locator("label").inner_text().strip()
    assert len(label_text) > 30
    label_box, input_box = option.locator("label").bounding_box(), option.locator("input").bounding_box()
    assert label_box["height"] > 30, "a long option wraps on a phone"
    assert label_box["x"] >= input_box["x"] + input_box["width"], "wrapped lines stay indented past the button"
    option.locator("input").check()
    quiz.locator("button:not([type=button]):visible").first.click()
    badge = quiz.locator(".quiz-feedback-badge")
    badge.wait_for()
    assert badge.inner_text().strip() == label_text, "the option's words are not cut short"
    assert badge.evaluate("b => getComputedStyle(b).whiteSpace") == "normal"
    assert badge.bounding_box()["width"] <= 390
    # Checked from the top of the page: scrolled as the click left it, a question's Copy link
    # can sit half under Material's sticky header, which axe counts against its target size.
    page.evaluate("window.scrollTo(0, 0)")
    assert watch.take() == [] and axe_violations(page) == []
    context.close()


def test_copy_link_never_covers_text_and_is_a_full_size_target(browser, server):
    for device in (None, PHONE):
        context, watch = open_context(browser, server, "light", device)
        page = context.new_page()
        visit(page, server + LESSON)
        quiz = page.locator("div.quiz").first
        quiz.scroll_into_view_if_needed()
        quiz.hover() if device is None else quiz.locator(".quiz-question").tap()
        control = quiz.locator(".copy-link")
        box, text = control.bounding_box(), quiz.locator(".quiz-question").bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        assert box["y"] + box["height"] <= text["y"], "the control sits above the question, not on it"
        heading = page.locator("h2[id]").first
        heading.scroll_into_view_if_needed()
        heading.hover() if device is None else heading.tap()
        link = heading.locator(".copy-link")
        link_box, words = link.bounding_box(), heading.evaluate(
            "h => { const r = document.createRange(); r.selectNodeContents(h.firstChild); "
            "const b = r.getBoundingClientRect(); return {x: b.x, right: b.right, y: b.y, bottom: b.bottom}; }")
        assert link_box["width"] >= 24 and link_box["height"] >= 24
        assert link_box["x"] >= words["right"] or link_box["y"] >= words["bottom"], "after the heading's words"
        if device is PHONE:
            assert link.evaluate("c => getComputedStyle(c).opacity") == "1", "on touch it is simply there"
        assert watch.take() == []
        context.close()


# --- search ----------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["SBI", "shrinkage"])
def test_learners_search_shows_no_answer_key_plan_or_internal_id(browser, server, site, word):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(word, delay=30)
    page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    links = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")
    assert links and not [h for h in links if "/answer-keys/" in h or "/trainers/plans/" in h], links
    assert not [h for h in links if re.search(r"[?&]h=(#|&|$)", h)], "no empty highlight in a result link"
    text = page.locator(".md-search-result").inner_text()
    ids = [q for q in re.findall(r"\b[a-z]+(?:-[a-z0-9]+){2,}\b", text)
           if q.startswith(("found-", "coach-", "path-", "comm-", "legacy-"))]
    assert ids == [], f"internal question ids shown: {ids}"
    index = json.loads((site / "search/search_index.json").read_text())
    assert not [d["location"] for d in index["docs"] if d["location"].startswith(("trainers/answer-keys", "trainers/plans"))]
    assert watch.take() == []
    context.close()


def test_widget_pages_and_the_classroom_schedule_stay_out_of_search(site):
    """M5 and m6 (new-user walk): "My progress" came third or fourth for any lesson word, its
    table run together ("Managing and leading0 of 40"), and the classroom timetable was the
    second learner result for "SBI". Pages that are tools, not lessons, are not searched;
    they are one tap away in the navigation and the header."""
    index = json.loads((site / "search/search_index.json").read_text())
    widgets = ("progress/", "record/", "notebook/", "review/", "trainers/schedule/")
    assert not [d["location"] for d in index["docs"] if d["location"].split("#")[0] in widgets]
    assert [d for d in index["docs"] if d["location"].startswith("modules/02-coaching/grow-and-sbi/")]


# --- navigation and layout ------------------------------------------------------------------

def test_home_offers_start_then_continue_from_saved_progress(browser, server):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server)
    action = page.locator("[data-progress-next]")
    assert action.inner_text() == "Start the course"
    assert action.get_attribute("href").endswith("modules/01-foundations/")
    visit(page, server + LESSON)
    answer_all(page)
    visit(page, server)
    assert action.inner_text() == "Continue where you left off: What the role asks"
    action.click()
    page.wait_for_url(f"**/{NEXT_LESSON}")
    assert watch.take() == []
    context.close()


def test_my_progress_is_one_tap_away_on_a_phone_and_tooltips_do_not_stick(browser, server):
    context, watch = open_context(browser, server, "light", PHONE)
    page = context.new_page()
    visit(page, server + LESSON)
    page.locator("form[data-md-component=palette] label:visible").first.tap()
    page.wait_for_timeout(500)
    assert page.evaluate("[...document.querySelectorAll('.md-header .md-tooltip')]"
                         ".filter(t => getComputedStyle(t).display !== 'none' && t.offsetParent).length") == 0
    page.get_by_role("link", name="My progress").tap()
    page.wait_for_url("**/progress/")
    assert page.locator("h1").inner_text().startswith("My progress")
    assert watch.take() == []
    context.close()


# The classroom schedule is a two-column table a day, which fits a phone as it is (m10).
@pytest.mark.parametrize("path", ["", "reference/kpis/", "trainers/plans/01-foundations/"])
def test_wide_tables_stack_on_a_phone(browser, server, path):
    context, watch = open_context(browser, server, "light", PHONE)
    page = context.new_page()
    visit(page, server + path)
    stacked = page.locator("table[data-stack]")
    assert stacked.count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing runs off the side"
    for table in stacked.all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        cell = table.locator("tbody td").nth(1)
        label = cell.evaluate("c => getComputedStyle(c, '::before').content")
        assert label.strip('"') == cell.get_attribute("data-label") and label != "none"
    assert watch.take() == []
    context.close()


def test_the_course_record_reads_on_a_phone(browser, server):
    """M6 (new-user walk): on a phone the record's cards showed "0 of 27 / 0 / 0" with no
    column names (its rows carry attributes and start with a row header, which the stacking
    missed), the caption was squeezed to one word a line, and the cards stopped short."""
    context, watch = open_context(browser, server, "light", PHONE)
    page = context.new_page()
    visit(page, server + "record/")
    table = page.locator(".course-progress[data-module=record] table[data-stack]")
    names = table.locator("thead th").all_inner_texts()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing runs off the side"
    width = table.bounding_box()["width"]
    assert table.locator("caption").bounding_box()["width"] >= width - 2, "the caption spans the card"
    for row in table.locator("tbody tr").all():
        assert abs(row.bounding_box()["width"] - width) < 2, "each card spans the table"
        cells = row.locator("th, td")
        assert cells.count() == len(names)
        for name, cell in zip(names, cells.all()):
            shown = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert cell.get_attribute("data-label") == name and name in shown, (name, shown)
    assert axe_violations(page) == [] and watch.take() == []
    context.close()


def test_workbooks_and_answer_keys_sit_in_the_trainers_navigation(browser, server):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    for path, section in [("trainers/workbooks/02-coaching/", "Workbooks"),
                          ("trainers/answer-keys/02-coaching/", "Answer keys")]:
        visit(page, server + path)
        assert page.locator(".md-tabs__item--active").inner_text().strip() == "Trainers"
        active = page.locator(".md-sidebar--primary .md-nav__link--active:visible")
        assert active.first.inner_text().strip() == "Coaching"
        assert page.locator(".md-sidebar--primary").get_by_text(section, exact=True).first.is_visible()
    assert watch.take() == []
    context.close()


@pytest.mark.parametrize("device", [None, PHONE], ids=["desktop", "phone"])
def test_my_progress_does_not_move_while_it_loads(browser, server, device):
    """Cumulative layout shift, as Chromium measures it, with answers saved (so the numbers
    do change as the page loads): at most 0.05."""
    context, watch = open_context(browser, server, "light", device)
    context.add_init_script("""window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
        if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});""")
    page = context.new_page()
    visit(page, server + LESSON)
    answer_all(page, wrong=True)
    for path in ["progress/", "", "modules/01-foundations/"]:
        visit(page, server + path)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shift") <= 0.05, f"{path or 'home'} moved while loading"
    assert "answered 4 of" in page.locator(".course-progress").inner_text()
    assert watch.take() == []
    context.close()


# --- answers that survive a new release, on the web and offline ------------------------------

def test_answers_survive_moving_to_the_next_release_on_the_web(browser, site, tmp_path):
    """The same learner opens 1.0.0/ and later latest/: the same answers are there."""
    tree = tmp_path / "tree"
    for version in ("1.0.0", "latest"):
        shutil.copytree(site, tree / version)
    with serve(tree) as url:
        context, watch = open_context(browser, url, "light")
        page = context.new_page()
        visit(page, url + "1.0.0/" + LESSON)
        answer_all(page)
        visit(page, url + "latest/" + LESSON)
        assert all_answered_right(page)
        assert watch.take() == []
        context.close()


def test_an_answer_counts_only_for_the_options_it_was_given_to(browser, server):
    """Each saved answer carries its question's code, which changes with the options or the
    key. Answers from before codes (mkdocs-quiz's per-address keys too) were given to
    questions since rewritten: they are dropped, never shown against the new options. An
    answer with the question's code now counts."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "progress/")
    page.evaluate("""() => localStorage.setItem('quiz_progress_/training/1.0.0/modules/02-coaching/grow-and-sbi/',
        JSON.stringify({'coach-sbi-best-opening': {answered: true, correct: true, selectedValues: ['x']}}))""")
    visit(page, server + "modules/02-coaching/grow-and-sbi/")
    assert "coach-sbi-best-opening" not in stored(page)
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quiz_progress_'))") == []
    assert "not answered any" in page.locator(".quiz-page-progress").inner_text()

    page.evaluate("""key => localStorage.setItem(key, JSON.stringify({version: 1, answers: {
        'coach-sbi-best-opening': {answered: true, correct: false, selectedValues: [], at: 1, code: 'XXXX'},
        'coach-removed-long-ago': {answered: true, correct: true, selectedValues: [], at: 1, code: 'YYYY'}}}))""",
                  STORE)
    visit(page, server + "modules/02-coaching/grow-and-sbi/")
    assert "not answered any" in page.locator(".quiz-page-progress").inner_text(), "another code: not counted"

    page.evaluate("""key => localStorage.setItem(key, JSON.stringify({version: 1, answers: {
        'coach-sbi-best-opening': {answered: true, correct: false, selectedValues: [], at: 1,
                                   code: window.courseQuestionCodes['coach-sbi-best-opening']}}}))""", STORE)
    visit(page, server + "modules/02-coaching/grow-and-sbi/")
    assert "answered 1 of" in page.locator(".quiz-page-progress").inner_text()
    other = page.locator("div.quiz:not(#coach-sbi-best-opening):has(fieldset)").first
    other_id = other.get_attribute("id")
    other.locator("fieldset input[data-correct]").first.check()
    if other.locator("button:not([type=button]):visible").count():
        other.locator("button:not([type=button]):visible").first.click()
    page.wait_for_function("([key, id]) => (JSON.parse(localStorage.getItem(key)).answers[id] || {}).code",
                           arg=[STORE, other_id])
    assert stored(page)[other_id]["code"] == page.evaluate(f"window.courseQuestionCodes['{other_id}']")
    assert watch.take() == []
    context.close()


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("offline")
    import os
    os.environ["OFFLINE"] = "true"
    try:
        result = strict_build(ROOT, site)
    finally:
        del os.environ["OFFLINE"]
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_offline_copy_works_like_the_web(browser, offline_site, tmp_path):
    """Opened from file://: the logo goes home, copy-link and tooltips work, and answers
    given in one unzipped release are there in the next, in another folder."""
    first, second = tmp_path / "course-1.0.0", tmp_path / "course-1.1.0"
    shutil.copytree(offline_site, first)
    shutil.copytree(offline_site, second)
    context, errors = offline_context(browser)
    page = context.new_page()
    lesson = "modules/01-foundations/managing-and-leading.html"
    page.goto((first / lesson).as_uri())
    page.wait_for_load_state("load")
    logo = page.locator(".md-header__button.md-logo").get_attribute("href")
    assert logo.endswith("index.html"), logo
    assert page.locator(".copy-link").count() > 5
    page.locator(".md-content abbr").first.hover()
    page.locator(".md-tooltip2, .md-tooltip").first.wait_for(state="visible", timeout=5000)
    answer_all(page)
    count = page.locator("div.quiz").count()
    page.goto((second / lesson).as_uri())
    page.wait_for_load_state("load")
    assert all_answered_right(page) and count >= 3, "the next release keeps the answers"
    page.goto((second / "index.html").as_uri())
    assert page.locator("[data-progress-next]").inner_text() == "Continue where you left off: What the role asks"
    assert errors == []
    context.close()


# --- trainer print-outs ----------------------------------------------------------------------

def test_trainer_print_outs_keep_their_blocks_whole(browser, server, site):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "trainers/workbooks/01-foundations/")
    page.emulate_media(media="print")
    assert page.locator("h2, h3").first.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"
    tasks = page.locator(".workbook-task")
    assert tasks.count() >= 4 and tasks.first.evaluate("t => getComputedStyle(t).breakInside") == "avoid"
    long_space = page.locator(".write-here--long").first
    assert long_space.evaluate("w => parseFloat(getComputedStyle(w).height)") >= 17 * 16, "room for a plan"
    assert page.locator(".write-here").first.evaluate("w => getComputedStyle(w).breakInside") == "avoid"
    visit(page, server + "trainers/answer-keys/01-foundations/")
    page.emulate_media(media="print")
    items = page.locator(".answer-key-item")
    assert items.count() >= 20 and items.first.evaluate("i => getComputedStyle(i).breakInside") == "avoid"
    assert not re.search(r"\bfound-[a-z0-9-]+", page.locator(".md-content").inner_text()), "no internal ids"
    visit(page, server + "trainers/plans/01-foundations/")
    page.emulate_media(media="print")
    assert page.locator("h3").first.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"
    assert watch.take() == []
    context.close()
