"""Answering a question in the browser as a learner does, by keyboard and by mouse: what
moves focus, what answers, and what the feedback says (issue 23, the new-user walk)."""
from __future__ import annotations

from browsing import axe_violations, open_context, visit

CHECK = "button:not([type=button]):visible"  # "Check my answer" (minified: no type=submit)


def lesson_question(course, kind: str, least_right: int = 1):
    """A lesson question of this type with at least `least_right` right options, and the
    address of its page."""
    question = next(q for q in course.questions.values()
                    if q.type == kind and q.page and q.page != "summary"
                    and (kind == "fill" or sum(o.correct for o in q.options) >= least_right))
    return question, f"modules/{question.bank}/{question.page}/"


def focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def check(quiz):
    button = quiz.locator(CHECK)
    if button.count():  # today's code answers a single-choice question on change, with no button
        button.first.click()
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)


def test_an_arrow_key_moves_between_options_without_answering(browser, server, course):
    """M2 (new-user walk): ↓ on a single-answer question answered it at once (WCAG 3.2.2).
    A keyboard user moves through the options, chooses, then checks."""
    question, url = lesson_question(course, "single")
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + url)
    quiz = page.locator(f"#{question.id}")
    options = quiz.locator("fieldset input[name=answer]")
    assert options.count() >= 3
    options.first.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert quiz.locator(".quiz-feedback.hidden").count() == 1, "moving to an option answered the question"
    assert options.nth(1).is_checked() and focused(options.nth(1))
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert quiz.locator(".quiz-feedback.hidden").count() == 1
    assert options.nth(2).is_checked() and focused(options.nth(2)), "the third option is reachable"
    assert not page.evaluate("id => Object.values(localStorage).some(v => v.includes(id))", question.id), "saved"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Check my answer"
    page.keyboard.press("Enter")
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)
    assert watch.take() == []
    context.close()


def test_try_again_keeps_keyboard_focus_on_the_question(browser, server, course):
    """M3 (new-user walk): Enter on "Try again" sent focus to <body>, and the next Tab went
    to the next question. Focus stays on the question: its first option, or its box."""
    single, single_url = lesson_question(course, "single")
    fill, fill_url = lesson_question(course, "fill")
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    for question, url in [(single, single_url), (fill, fill_url)]:
        visit(page, server + url)
        quiz = page.locator(f"#{question.id}")
        box = quiz.locator("input.quiz-blank-input")
        if box.count():
            box.first.fill("not it")
            box.first.press("Enter")
        else:
            quiz.locator("fieldset input:not([data-correct])").first.check()
            check(quiz)
        again = quiz.get_by_role("button", name="Try again")
        again.focus()
        page.keyboard.press("Enter")
        first = quiz.locator("fieldset input[name=answer], input.quiz-blank-input").first
        assert focused(first), (question.id, page.evaluate("document.activeElement.outerHTML.slice(0, 120)"))
    assert watch.take() == []
    context.close()


def test_multiple_answer_feedback_says_when_an_answer_is_incomplete(browser, server, course):
    """M4 (new-user walk): one of three right options gave a red box starting "Yes.", and
    nothing said the answer was incomplete or how many are right; all right had no overall
    "Right". Now a summary comes first, and each chosen option's note is coloured and
    labelled by whether that option is right."""
    question, url = lesson_question(course, "multiple", least_right=2)
    right_total = sum(o.correct for o in question.options)
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + url)
    quiz = page.locator(f"#{question.id}")
    right = quiz.locator("fieldset input[data-correct]")
    wrong = quiz.locator("fieldset input:not([data-correct])")
    items = quiz.locator(".quiz-feedback-item")

    def no_red_yes():
        for text in quiz.locator(".quiz-feedback-item.incorrect").all_inner_texts():
            assert "Yes." not in text, f"a red box with a right option's note: {text!r}"

    right.first.check()
    check(quiz)
    summary = items.first.inner_text()
    assert "Not complete yet" in summary and f"1 of the {right_total} right answers" in summary, summary
    assert "incorrect" in items.first.get_attribute("class")
    assert quiz.locator(".quiz-feedback-item.correct").count() == 1, "the right choice's note is marked right"
    no_red_yes()
    assert axe_violations(page) == []

    quiz.get_by_role("button", name="Try again").click()
    right.first.check()
    wrong.first.check()
    check(quiz)
    summary = items.first.inner_text()
    assert "Not quite" in summary and "1 of your 2 choices is right" in summary, summary
    assert f"There are {right_total} right answers" in summary
    no_red_yes()

    quiz.get_by_role("button", name="Try again").click()
    for i in range(right.count()):
        right.nth(i).check()
    check(quiz)
    assert items.first.inner_text().startswith(f"Right. You chose all {right_total} right answers")
    assert quiz.locator(".quiz-feedback-item.incorrect").count() == 0
    visit(page, server + url)  # the saved answer, shown again, says the same
    assert quiz.locator(".quiz-feedback-item").first.inner_text().startswith("Right.")
    assert watch.take() == []
    context.close()


def test_a_wrong_fill_in_keeps_the_explanation_until_another_go(browser, server, course):
    """m22 (new-user walk): the explanation, which names the word, showed right after a
    first wrong try. It waits for a right answer or a second go, also after a reload."""
    question, url = lesson_question(course, "fill")
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + url)
    quiz = page.locator(f"#{question.id}")
    box = quiz.locator("input.quiz-blank-input").first
    explanation = quiz.locator("section.content")
    box.fill("not it")
    box.press("Enter")
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)
    assert not explanation.is_visible(), "the explanation gives the answer away after one try"
    assert "explanation opens after your next try" in quiz.locator(".quiz-feedback").inner_text()
    visit(page, server + url)  # the saved wrong answer, shown again
    quiz.locator(".quiz-feedback:not(.hidden)").wait_for(timeout=5000)
    assert not explanation.is_visible()
    box.fill("still not it")
    box.press("Enter")
    explanation.wait_for(state="visible", timeout=5000)
    box.fill(box.get_attribute("data-answer"))
    box.press("Enter")
    quiz.locator(".quiz-feedback-item.correct").wait_for(timeout=5000)
    assert explanation.is_visible()
    assert watch.take() == []
    context.close()
