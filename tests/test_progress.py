"""Learners' progress in the browser: it survives a release that changes the banks, the
"My progress" page counts it, reset asks first, and bad stored data is ignored."""
from __future__ import annotations

import copy
import json

import yaml

from browsing import answer, axe_violations, open_context, visit
from conftest import ROOT, copy_project, serve, strict_build

LESSON = "modules/01-foundations/managing-and-leading/"
# Where store.js keeps a learner's answers (extra.storage_name in mkdocs.yml).
STORE = "course-answers:" + yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["storage_name"]


def stored(page) -> dict:
    """The learner's saved answers, by question id."""
    return (json.loads(page.evaluate(f"localStorage.getItem('{STORE}')") or "{}").get("answers")) or {}
SINGLE = "found-kotter-two-kinds-of-work"   # single choice
MULTIPLE = "found-slogan-replies"           # multiple choice


def option_by_text(page, quiz_id: str, text: str):
    return page.locator(f"#{quiz_id} fieldset > div").filter(has=page.locator("label", has_text=text)).locator("input")


def checked_texts(page, quiz_id: str) -> list[str]:
    return page.locator(f"#{quiz_id} fieldset > div").filter(has=page.locator("input:checked")) \
        .locator("label").all_inner_texts()


def test_saved_answers_follow_their_question_when_the_bank_changes(browser, tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert strict_build(project, site).returncode == 0
    bank_path = project / "quizzes/01-foundations.yml"
    bank = yaml.safe_load(bank_path.read_text())
    by_id = {q["id"]: q for q in bank["questions"]}
    single_right = next(o["text"] for o in by_id[SINGLE]["options"] if o["correct"])
    multiple_picks = [o["text"] for o in by_id[MULTIPLE]["options"] if o["correct"]][:1] + \
                     [o["text"] for o in by_id[MULTIPLE]["options"] if not o["correct"]][:1]
    # A third question whose options the new release rewords: its old answer must go.
    reworded = next(q for q in bank["questions"] if q.get("page") == "managing-and-leading"
                    and q["type"] == "single" and q["id"] != SINGLE)
    reworded_right = next(o["text"] for o in reworded["options"] if o["correct"])

    with serve(site) as url:
        context, watch = open_context(browser, url, "light")
        page = context.new_page()
        visit(page, url + LESSON)
        option_by_text(page, SINGLE, single_right).check()
        page.locator(f"#{SINGLE} button:not([type=button])").click()  # every question waits for its Check
        for text in multiple_picks:
            option_by_text(page, MULTIPLE, text).check()
        page.locator(f"#{MULTIPLE} button:not([type=button])").click()
        option_by_text(page, reworded["id"], reworded_right).check()
        page.locator(f"#{reworded['id']} button:not([type=button])").click()
        page.wait_for_timeout(200)
        assert reworded["id"] in stored(page)

        # A new release: a question added in front, the page's questions reordered, and
        # the options of the answered question reversed.
        lesson_questions = [q for q in bank["questions"] if q.get("page") == "managing-and-leading"]
        others = [q for q in bank["questions"] if q.get("page") != "managing-and-leading"]
        by_id[SINGLE]["options"].reverse()
        for option in reworded["options"]:
            option["text"] = option["text"].rstrip(".") + ", as the lesson says."
        newcomer = dict(copy.deepcopy(by_id[SINGLE]), id="found-newcomer-probe",  # no shared nodes: no YAML aliases
                        question="Which of these is a new question in this release?")
        bank["questions"] = [newcomer] + list(reversed(lesson_questions)) + others
        bank_path.write_text(yaml.safe_dump(bank, sort_keys=False, allow_unicode=True, width=1000))
        rebuilt = strict_build(project, site)
        assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr

        visit(page, url + LESSON)
        order = page.locator("div.quiz").evaluate_all("qs => qs.map(q => q.id)")
        assert order[0] == "found-newcomer-probe" and order.index(SINGLE) != 0
        assert checked_texts(page, SINGLE) == [single_right]
        assert page.locator(f"#{SINGLE} .quiz-feedback-item.correct").count() == 1
        assert page.locator(f"#{SINGLE} .quiz-feedback-item.incorrect").count() == 0
        assert sorted(checked_texts(page, MULTIPLE)) == sorted(multiple_picks)
        assert checked_texts(page, "found-newcomer-probe") == [], "the new question starts unanswered"
        assert checked_texts(page, reworded["id"]) == [], "an answer to reworded options is not applied to them"
        assert page.locator(f"#{reworded['id']} .quiz-feedback:not(.hidden)").count() == 0
        assert "answered 2 of" in page.locator(".quiz-page-progress").inner_text()
        assert watch.take() == []
        context.close()


def rows(page) -> dict[str, tuple[str, str]]:
    cells = page.locator(".course-progress tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.children].map(c => c.innerText.trim()))")
    return {name: (answered, correct) for name, answered, correct in cells}


def test_progress_page_counts_resets_and_ignores_bad_data(browser, server):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + LESSON)
    quizzes = page.locator("div.quiz")
    first_id = quizzes.nth(0).get_attribute("id")
    quizzes.nth(0).locator("input[data-correct=true]").first.check()      # right
    quizzes.nth(0).locator("button:not([type=button]):visible").first.click()
    quizzes.nth(1).locator("fieldset input:not([data-correct])").first.check()  # wrong
    quizzes.nth(1).locator("button:not([type=button])").click()
    page.wait_for_timeout(200)
    # Stored data this release cannot use: an answer to a removed question, an entry of the
    # wrong shape, and an old per-page entry that does not parse.
    page.evaluate("""key => {
        const data = JSON.parse(localStorage.getItem(key));
        data.answers['coach-removed-long-ago'] = {answered: true, correct: true, selectedValues: []};
        data.answers['coach-sbi-best-opening'] = 'not an answer';
        localStorage.setItem(key, JSON.stringify(data));
        localStorage.setItem('quiz_progress_/training/modules/02-coaching/grow-and-sbi/', '{not json');
    }""", STORE)

    visit(page, server + "progress/")
    table = rows(page)
    assert table["Managing and leading"] == ("2 of 4", "1")
    assert table["Foundations: from agent to leader"][1] == "1"
    coaching = yaml.safe_load((ROOT / "quizzes/02-coaching.yml").read_text())["questions"]
    for title, stem in [("GROW and SBI: two tools for every coaching conversation", "grow-and-sbi"),
                        ("Your coaching rhythm", "coaching-rhythm")]:
        count = sum(q.get("page") == stem for q in coaching)
        assert table[title] == (f"0 of {count}", "0"), "the bad entries are not counted"
    assert "answered 2 of" in page.locator(".course-progress__summary").inner_text()
    assert axe_violations(page) == []

    visit(page, server)
    assert "answered 2 of" in page.locator(".course-progress").inner_text()
    visit(page, server + "modules/01-foundations/")
    assert "answered 2 of 27" in page.locator(".course-progress").inner_text()

    visit(page, server + "progress/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset my progress").click()
    assert rows(page)["Managing and leading"] == ("2 of 4", "1"), "cancelling the question keeps progress"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset my progress").click()
    assert rows(page)["Managing and leading"] == ("0 of 4", "0")
    assert page.locator(".course-progress__status").inner_text() == "Your progress has been reset."
    visit(page, server + LESSON)
    assert page.locator(f"#{first_id} input:checked").count() == 0
    assert watch.take() == []
    context.close()


def test_quizzes_work_after_instant_navigation(browser, server):
    """The quiz script is loaded only on quiz pages, so it must arrive with a page that
    Material's instant navigation swaps in."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server)
    assert page.locator("script[src*='assets/quiz/quiz.']").count() == 0
    page.locator("a.md-tabs__link", has_text="Foundations").click()
    page.wait_for_url("**/modules/01-foundations/")
    page.locator(".md-content a", has_text="Managing and leading").first.click()
    page.wait_for_url(f"**/{LESSON}")
    quiz = page.locator("div.quiz").first
    quiz.locator("input[data-correct=true]").first.check()
    quiz.locator("button:not([type=button]):visible").first.click()
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)
    quiz_id = quiz.get_attribute("id")
    assert list(stored(page)) == [quiz_id], "kept by question id in the course's one store"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quiz_progress_'))") == []
    assert watch.take() == []
    context.close()


def test_shuffled_options_keep_their_saved_answers_across_reloads(browser, server):
    """Options are shuffled on every visit; a saved answer is keyed by the option's text,
    so after a reload it comes back on the same words, wherever they now stand."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + LESSON)
    source_order = page.locator(f"#{SINGLE} label").all_inner_texts()
    wrong = next(text for text in source_order
                 if not option_by_text(page, SINGLE, text).get_attribute("data-correct"))
    option_by_text(page, SINGLE, wrong).check()
    page.locator(f"#{SINGLE} button:not([type=button])").click()
    picks = page.locator(f"#{MULTIPLE} label").all_inner_texts()[:2]
    for text in picks:
        option_by_text(page, MULTIPLE, text).check()
    page.locator(f"#{MULTIPLE} button:not([type=button])").click()
    page.wait_for_timeout(200)
    orders = set()
    for _ in range(4):
        visit(page, server + LESSON)
        orders.add(tuple(page.locator(f"#{SINGLE} label").all_inner_texts()))
        assert checked_texts(page, SINGLE) == [wrong]
        assert sorted(checked_texts(page, MULTIPLE)) == sorted(picks)
        assert page.locator(f"#{SINGLE} .quiz-feedback-item.incorrect").count() == 1
    assert len(orders) > 1, "the options were shuffled between visits"
    assert watch.take() == []
    context.close()


def test_a_tab_opened_earlier_never_erases_answers_from_another(browser, server):
    """DEF-1: quiz.js writes its whole page from what it read at load; only what it changed
    since reaches the store, so tab B keeps tab A's answer, and a review page left open keeps
    both."""
    context, watch = open_context(browser, server, "light")
    review, tab_a, tab_b = context.new_page(), context.new_page(), context.new_page()
    visit(review, server + "review/")
    visit(tab_a, server + LESSON)
    visit(tab_b, server + LESSON)
    ids = tab_a.locator("div.quiz:has(fieldset)").evaluate_all("qs => qs.map(q => q.id)")
    answer(tab_a.locator(f"#{ids[0]}"), right=True)
    tab_b.wait_for_function("() => document.querySelector('.quiz-page-progress').innerText.includes('answered 1 of')")
    answer(tab_b.locator(f"#{ids[-1]}"), right=True)
    assert set(stored(tab_b)) == {ids[0], ids[-1]}
    shown = review.locator("div.quiz:visible:has(fieldset)").evaluate_all("qs => qs.map(q => q.id)")
    other = next(i for i in shown if i not in ids)
    answer(review.locator(f"#{other}"), right=True)
    assert set(stored(review)) == {ids[0], ids[-1], other}
    assert watch.take() == []
    context.close()


def test_a_huge_answer_is_capped_and_clears_nothing(browser, server, course):
    """DEF-2: a fill-in answer of 30,000 characters once tripped mkdocs-quiz's 50,000-character
    guard, which the store turned into "clear the page": on the review page, the course."""
    fill = next(q for q in course.questions.values() if q.type == "fill" and q.page)
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + LESSON)
    first = page.locator("div.quiz:has(fieldset)").first
    answer(first, right=True)
    visit(page, server + f"modules/{fill.bank}/{fill.page}/")
    box = page.locator(f"#{fill.id} input.quiz-blank-input").first
    box.fill(fill.blanks[0] + " " * 30000)
    box.press("Enter")
    page.locator(f"#{fill.id} .quiz-feedback:not(.hidden)").wait_for()
    visit(page, server + "review/")
    visit(page, server + LESSON)
    answers = stored(page)
    assert first.get_attribute("id") in answers and fill.id in answers
    assert max(len(v) for v in answers[fill.id]["selectedValues"]) <= 200
    assert watch.take() == []
    context.close()


def test_an_answer_the_browser_will_not_keep_is_reported_in_words(browser, server):
    """DEF-9: with storage full, the answer shows, but the page says it was not kept."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + LESSON)
    page.evaluate("""() => {
        let size = 1 << 20, i = 0;
        while (size >= 16) {
            try { localStorage.setItem('filler-' + i++, 'x'.repeat(size)); } catch (error) { size >>= 1; }
        }
    }""")
    answer(page.locator("div.quiz:has(fieldset)").first, right=True)
    status = page.locator(".quiz-page-progress__status")
    assert "did not keep your last answer" in status.inner_text()
    assert stored(page) == {}
    page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('filler-')).forEach(k => localStorage.removeItem(k))")
    assert watch.take() == []
    context.close()
