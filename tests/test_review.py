"""Review my questions: every question of the course on one page, of which only those
answered wrong, not tried yet or due for spaced review show; an answer there counts on
the lesson and in "My progress"; a question answered right comes back after a gap that
grows with each right answer at review; on the web, after instant navigation, and from
file://."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

from browsing import DESKTOP, answer, axe_violations, offline_context, open_context, visit
from conftest import ROOT
from test_journey import offline_site  # noqa: F401 (a fixture)
from test_progress import STORE, stored

from courseware.model.course import check_course, read_pages
from courseware.pages import review

LESSON = "modules/01-foundations/managing-and-leading/"
REVIEW = "review/"
LONDON = {**DESKTOP, "timezone_id": "Europe/London"}  # days start at midnight here
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)  # Monday 2 March 2026, 10:00 in London (GMT)


def shown(page) -> list[str]:
    return page.locator("div.quiz:visible").evaluate_all("qs => qs.map(q => q.id)")


def fresh(quiz) -> bool:
    """Shown as not yet answered: nothing chosen, no feedback."""
    return quiz.locator("input:checked").count() == 0 and quiz.locator(".quiz-feedback:not(.hidden)").count() == 0


def module_count(page, module: str) -> str:
    return page.locator(f'.review-count[data-review-module="{module}"]').inner_text()


def summary(page) -> str:
    return page.locator(".review-summary").inner_text()


def lesson_ids(page) -> list[str]:
    return page.locator("div.quiz").evaluate_all("qs => qs.map(q => q.id)")


# --- the page as built ------------------------------------------------------------------------

def test_review_page_lists_every_question_a_page_shows_once_in_course_order(site):
    pages = read_pages(ROOT / "docs")
    course = check_course(ROOT, {src: text for src, text in pages.items() if src != review.PAGE})
    lesson_order = [qid for module in course.modules for src in module.page_order
                    for qid in course.page_quiz_ids.get(src, [])]
    built = (site / "review/index.html").read_text()
    ids = re.findall(r'<div class="?quiz[ "][^>]*?\bid="?([a-z0-9-]+)', built)
    assert ids == lesson_order and len(ids) == len(course.questions)
    assert 'class="quiz-page-progress"' not in built and "class=quiz-page-progress" not in built, \
        "no 'Clear my answers on this page', which here would clear the whole course"
    index = json.loads((site / "search/search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("review")], "its questions are the lessons'"


def test_the_page_says_the_gaps_the_script_uses():
    text = " ".join((ROOT / "docs" / review.PAGE).read_text().split())
    assert review.INTERVAL_DAYS == (2, 7, 21, 60)
    assert "The first gap is two days" in text and "a week, then three weeks, then two months" in text
    assert review.BATCH == 10 and "shows ten questions at a time" in text


def test_an_unused_question_is_still_reported_by_the_build_check():
    """The review page lists only questions a page shows, so it never hides that warning."""
    pages = read_pages(ROOT / "docs")
    course = check_course(ROOT, pages)
    assert review.PAGE in pages and review.PAGE not in course.page_quiz_ids
    expanded = review.expand(pages[review.PAGE], course)
    first = course.page_quiz_ids["modules/01-foundations/managing-and-leading.md"][0]
    without = {src: text.replace("<!-- quiz 01-foundations -->", "") if src.endswith("managing-and-leading.md")
               else text for src, text in pages.items()}
    without[review.PAGE] = review.expand(pages[review.PAGE], check_course(ROOT, without))
    assert first in expanded and first not in without[review.PAGE]
    assert any(f"'{first}' is not used on any page" in w for w in check_course(ROOT, without).warnings)


# --- in the browser ---------------------------------------------------------------------------

def test_review_shows_what_to_answer_again_and_counts_everywhere(browser, server, course):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + LESSON)
    right, wrong, also_wrong, untried = lesson_ids(page)[:4]
    answer(page.locator(f"#{right}"), right=True)
    answer(page.locator(f"#{wrong}"), right=False)
    answer(page.locator(f"#{also_wrong}"), right=False)

    visit(page, server + REVIEW)
    visible = shown(page)
    assert wrong in visible and also_wrong in visible and untried in visible
    assert right not in visible, "answered right today: not due yet"
    assert fresh(page.locator(f"#{wrong}")), "asked again, not shown with the old answer"
    total, in_module = len(course.questions), len(course.banks["01-foundations"].questions)
    assert summary(page) == f"{total - 1} questions to review: 2 answered wrong and {total - 3} not tried yet."
    assert module_count(page, "01-foundations") == \
        f"{in_module - 1} questions to review in this module: 2 answered wrong and {in_module - 3} not tried yet."
    assert stored(page)[wrong]["correct"] is False, "opening the page changes nothing"

    answer(page.locator(f"#{wrong}"), right=True)
    assert stored(page)[wrong]["correct"] is True
    assert page.locator(f"#{wrong} .quiz-feedback-item.correct").count() >= 1
    assert page.locator(f"#{wrong}").is_visible(), "stays with its feedback until the learner moves on"
    assert module_count(page, "01-foundations") == \
        f"{in_module - 2} questions to review in this module: 1 answered wrong and {in_module - 3} not tried yet."
    assert axe_violations(page) == []

    visit(page, server + LESSON)
    assert page.locator(f"#{wrong} .quiz-feedback-item.correct").count() >= 1
    assert page.locator(f"#{wrong} .quiz-feedback-item.incorrect").count() == 0
    assert "answered 3 of 4 questions on this page, 2 of them correctly" in \
        page.locator(".quiz-page-progress").inner_text()
    visit(page, server + "progress/")
    row = page.locator(".course-progress tbody tr", has_text="Managing and leading").locator("td")
    assert row.all_inner_texts()[-2:] == ["3 of 4", "2"]

    visit(page, server + REVIEW)
    assert wrong not in shown(page) and also_wrong in shown(page)
    page.get_by_label("Answered wrong", exact=True).check()
    assert shown(page) == [also_wrong]
    page.get_by_label("Every question", exact=True).check()
    more = page.locator(".review-more")
    while more.is_visible():
        more.click()
    assert len(shown(page)) == page.locator("div.quiz").count()
    assert watch.take() == []
    context.close()


def test_review_shows_a_few_at_a_time_wrong_answers_first(browser, server):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + REVIEW)
    every = page.locator("div.quiz").evaluate_all("qs => qs.map(q => q.id)")
    batch = review.BATCH
    assert shown(page) == every[:batch], "a learner who has answered nothing starts at the beginning"
    # The course's last question answered wrong comes first; one answered right leaves the list.
    page.evaluate("""([key, wrong, right]) => localStorage.setItem(key, JSON.stringify({version: 1, answers: {
        [wrong]: {answered: true, correct: false, selectedValues: [], at: Date.now(),
                  code: window.courseQuestionCodes[wrong]},
        [right]: {answered: true, correct: true, selectedValues: [], at: Date.now(),
                  code: window.courseQuestionCodes[right]}}}))""",
                  [STORE, every[-1], every[0]])
    visit(page, server + REVIEW)
    assert shown(page) == every[1:batch] + [every[-1]], "shown in course order, the wrong answer among them"
    more = page.locator(".review-more")
    left = len(every) - 1 - batch
    assert more.inner_text() == f"Show {batch} more ({left} left)"
    more.click()
    assert shown(page) == every[1:2 * batch] + [every[-1]]
    assert page.evaluate("document.activeElement.id") == every[batch], "focus goes to the first question added"
    assert more.inner_text() == f"Show {batch} more ({left - batch} left)"
    assert axe_violations(page) == []
    assert watch.take() == []
    context.close()


def test_a_right_answer_comes_back_after_a_growing_gap(browser, server):
    context, watch = open_context(browser, server, "light", LONDON)
    page = context.new_page()
    page.clock.set_fixed_time(MONDAY)
    visit(page, server + LESSON)
    question = lesson_ids(page)[0]
    answer(page.locator(f"#{question}"), right=True)
    quiz = page.locator(f"#{question}")

    def on(day: datetime):
        page.clock.set_fixed_time(day)
        visit(page, server + REVIEW)

    on(MONDAY + timedelta(days=1, hours=13))  # Tuesday, 23:00
    assert not quiz.is_visible()
    on(MONDAY + timedelta(days=1, hours=14))  # Wednesday at midnight: two days on
    assert quiz.is_visible() and fresh(quiz)
    assert quiz.get_attribute("data-review-state") == "due"
    assert "1 due for another look" in summary(page)
    answer(quiz, right=True)
    entry = stored(page)[question]
    assert entry["correct"] is True and entry.get("reviews") == 1, entry
    assert entry["at"] == int((MONDAY + timedelta(days=1, hours=14)).timestamp() * 1000), "the review counts"

    on(MONDAY + timedelta(days=8))  # next Tuesday: six days after the review
    assert not quiz.is_visible()
    on(MONDAY + timedelta(days=9))  # a week after the review
    assert quiz.is_visible() and fresh(quiz)
    answer(quiz, right=True)
    assert stored(page)[question].get("reviews") == 2
    on(MONDAY + timedelta(days=9 + 20))
    assert not quiz.is_visible(), "then three weeks"
    on(MONDAY + timedelta(days=9 + 21))
    answer(quiz, right=False)
    assert "reviews" not in stored(page)[question], "a wrong answer starts the gaps again"

    # Everything answered right on Monday: nothing to review until Wednesday.
    on(MONDAY)
    ids = page.locator("div.quiz").evaluate_all("qs => qs.map(q => q.id)")
    at = int(MONDAY.timestamp() * 1000)
    page.evaluate("""([key, ids, at]) => localStorage.setItem(key, JSON.stringify({version: 1, answers:
        Object.fromEntries(ids.map(id => [id, {answered: true, correct: true, selectedValues: [], at: at,
                                               code: window.courseQuestionCodes[id]}]))}))""",
                  [STORE, ids, at])
    visit(page, server + REVIEW)
    assert shown(page) == []
    assert summary(page) == "Nothing to review today: come back on Wednesday 4 March."
    assert module_count(page, "02-coaching") == "Nothing to review in this module today: come back on Wednesday 4 March."
    assert page.locator(".review-filter-note").inner_text().startswith("No question is in this group today")
    assert watch.take() == []
    context.close()


def test_old_answers_without_a_time_are_due(browser, server):
    """An answer with no `at` (releases before the review page kept none) to a question that
    has not changed since still loads, and comes up for review."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + LESSON)
    question = lesson_ids(page)[0]
    right = page.locator(f"#{question} input[data-correct]").first.get_attribute("value")
    page.evaluate("""([key, id, value]) => localStorage.setItem(key, JSON.stringify({version: 1, answers:
        {[id]: {answered: true, correct: true, selectedValues: [value], code: window.courseQuestionCodes[id]}}}))""",
                  [STORE, question, right])
    visit(page, server + LESSON)
    assert page.locator(f"#{question} .quiz-feedback-item.correct").count() >= 1
    visit(page, server + REVIEW)
    assert page.locator(f"#{question}").get_attribute("data-review-state") == "due"
    assert question in shown(page)
    assert watch.take() == []
    context.close()


def test_review_after_instant_navigation(browser, server):
    """Material swaps the page in and runs its scripts again: the answered questions are
    still asked afresh, and answering one still counts as a review."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + LESSON)
    question = lesson_ids(page)[1]
    answer(page.locator(f"#{question}"), right=False)
    page.locator(".quiz-page-progress a", has_text="See your progress").click()
    page.wait_for_url("**/progress/")
    page.locator(".md-nav__link", has_text="Review my questions").first.click()
    page.wait_for_url(f"**/{REVIEW}")
    quiz = page.locator(f"#{question}")
    quiz.wait_for()
    assert quiz.is_visible() and fresh(quiz)
    answer(quiz, right=True)
    assert stored(page)[question]["correct"] is True
    assert quiz.locator(".quiz-reset-button").count() == 1
    assert watch.take() == []
    context.close()


def test_review_works_from_the_offline_copy(browser, offline_site):  # noqa: F811 (the fixture)
    context, errors = offline_context(browser)
    page = context.new_page()
    lesson = (offline_site / "modules/01-foundations/managing-and-leading.html").as_uri()
    page.goto(lesson)
    question = lesson_ids(page)[0]
    answer(page.locator(f"#{question}"), right=False)
    page.goto((offline_site / "review.html").as_uri())
    quiz = page.locator(f"#{question}")
    assert quiz.is_visible() and fresh(quiz)
    assert "1 answered wrong" in summary(page)
    answer(quiz, right=True)
    page.goto(lesson)
    assert page.locator(f"#{question} .quiz-feedback-item.correct").count() >= 1
    assert errors == []
    context.close()
