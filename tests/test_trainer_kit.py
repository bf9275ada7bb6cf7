"""The trainer kit: session plans with timings that add up, the schedule made from them,
links that land on real sections and questions, workbooks, print, and copy-link."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from browsing import axe_violations, open_context, visit
from conftest import ROOT, copy_project, strict_build

from courseware import trainer_kit

PLANS = sorted((ROOT / "docs/trainers/plans").glob("*.md"))
MODULES = sorted(p.name for p in (ROOT / "docs/modules").iterdir() if p.is_dir())


def test_a_plan_per_module():
    assert [p.stem for p in PLANS] == MODULES


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_plan_timings_add_up(path):
    plan = trainer_kit.read_plan(f"trainers/plans/{path.name}", path.read_text())
    assert sum(a["minutes"] for a in plan.activities) == plan.length
    assert any(a["kind"] == "break" for a in plan.activities)
    assert any(a["kind"] == "role-play" for a in plan.activities)


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_plan_has_what_a_trainer_needs(path):
    text = path.read_text()
    headings = re.findall(r"^(#{2,3}) +(.+)$", text, re.M)
    h2 = [h for level, h in headings if level == "##"]
    h3 = [h for level, h in headings if level == "###"]
    for needed in ["Agenda", "Objectives", "Materials", "Facilitation notes", "Discussion prompts",
                   "Debrief questions", "Links to send during the session"]:
        assert needed in h2, f"{path.name}: no '## {needed}'"
    assert any(h.startswith("Role-play:") for h in h2), f"{path.name}: no role-play"
    for brief in ["Brief for the supervisor", "Brief for the agent", "Brief for the observer", "Observer checklist"]:
        assert brief in h3, f"{path.name}: no '### {brief}'"
    assert "<!-- agenda -->" in text
    assert len(re.findall(r"^- \[ \] ", text.split("### Observer checklist")[1].split("\n## ")[0], re.M)) >= 5


def test_plan_whose_timings_do_not_add_up_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    plan = project / "docs/trainers/plans" / PLANS[0].name
    text = plan.read_text()
    length_line = next(i for i, line in enumerate(text.splitlines(), 1) if re.match(r"\s+length:", line))
    plan.write_text(re.sub(r"(?m)^(\s+length:\s*)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 5), text, count=1))
    result = strict_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(rf"docs/trainers/plans/{PLANS[0].name}:{length_line}: the activities add up to \d+ minutes, "
                     r"not the stated length of \d+", output), output


def test_schedule_is_built_from_the_plans(site):
    meta = yaml.safe_load((ROOT / "docs/trainers/schedule.md").read_text().split("\n---\n")[0][4:])["schedule"]
    html = (site / "trainers/schedule/index.html").read_text()
    rows = re.findall(r"<tr><td[^>]*>(\d)</td><td[^>]*>(\d+:\d\d)</td><td[^>]*>(\d+:\d\d)</td>",
                      re.sub(r"\s+(?=<)", "", html))
    assert rows, "the schedule table is missing"
    plans = {p.stem: trainer_kit.read_plan(f"trainers/plans/{p.name}", p.read_text()) for p in PLANS}
    for number, day in enumerate(meta["days"], 1):
        day_rows = [r for r in rows if r[0] == str(number)]
        minutes = sum(meta["lunch"] if item == "lunch" else plans[item].length for item in day)
        start_h, start_m = map(int, meta["start"].split(":"))
        end = start_h * 60 + start_m + minutes
        assert day_rows[0][1] == meta["start"].lstrip("0") or day_rows[0][1] == meta["start"]
        assert day_rows[-1][2] == f"{end // 60}:{end % 60:02d}", f"day {number} ends at the wrong time"
        assert len(day_rows) == sum(1 if item == "lunch" else len(plans[item].activities) for item in day)


def trainer_pages(site: Path) -> list[Path]:
    return sorted((site / "trainers").rglob("index.html"))


def test_every_link_in_trainer_pages_lands_on_a_page_and_anchor(site):
    problems, checked = [], 0
    for page in trainer_pages(site):
        url = "http://site/" + page.parent.relative_to(site).as_posix() + "/"
        # The page's own content: the footer's one outside link is the course's licence.
        html = page.read_text()
        content = html[html.find("<article"):html.find("</article>")]
        for href in re.findall(r'<a [^>]*href="?([^" >]+)', content):
            target = urlsplit(urljoin(url, href))
            if target.netloc != "site":
                problems.append(f"{page}: outside link {href}")
                continue
            path = site / target.path.lstrip("/")
            file = path / "index.html" if path.is_dir() or not path.suffix else path
            if not file.exists():
                problems.append(f"{page.relative_to(site)}: {href} has no page")
                continue
            if target.fragment and file.suffix == ".html":
                if not re.search(rf'id="?{re.escape(target.fragment)}"?[ >]', file.read_text()):
                    problems.append(f"{page.relative_to(site)}: {href} has no such anchor")
            checked += 1
    assert checked > 200 and not problems, "\n".join(problems)


def test_plans_link_to_exact_sections_and_questions(site):
    for plan in PLANS:
        html = (site / f"trainers/plans/{plan.stem}/index.html").read_text()
        anchors = set(re.findall(r'href="?(?:\.\./)+modules/[^"#> ]+#([^"> ]+)', html))
        question_ids = {q["id"] for q in yaml.safe_load((ROOT / f"quizzes/{plan.stem}.yml").read_text())["questions"]}
        assert anchors & question_ids, f"{plan.name}: no link to a quiz question"
        assert anchors - question_ids, f"{plan.name}: no link to a lesson section"


def test_workbook_per_module_has_every_practice_task(site):
    for module in MODULES:
        html = (site / f"trainers/workbooks/{module}/index.html").read_text()
        for lesson in sorted((ROOT / "docs/modules" / module).glob("*.md")):
            for task in re.findall(r"^## +((?:Practice|Reflect):.+)$", lesson.read_text(), re.M):
                assert task.split(":", 1)[1].strip().split()[0] in html, f"{module}: workbook lacks '{task}'"
        assert html.count('class="write-here"') + html.count("class=write-here") >= 4


def test_print_hides_navigation_and_answers(browser, server):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "modules/01-foundations/managing-and-leading/")
    quiz = page.locator("div.quiz").first
    quiz.locator("input[data-correct=true]").first.check()   # even an answered quiz prints blank
    quiz.locator("button:not([type=button]):visible").first.click()
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                     ".copy-link"]:
        assert not page.locator(selector).first.is_visible(), f"{selector} shows in print"
    assert quiz.locator(".quiz-question").is_visible()
    assert quiz.locator("fieldset label").first.is_visible()
    for hidden in [".answer-feedback", ".quiz-feedback", "section.content"]:
        assert quiz.locator(hidden).evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none')"), hidden
    label_colour = quiz.locator("fieldset label").first.evaluate("e => getComputedStyle(e).color")
    assert label_colour == "rgb(0, 0, 0)", "no colour gives the answer away"
    link_after = page.locator(".md-typeset p a[href]:not(.headerlink)").first.evaluate(
        "a => getComputedStyle(a, '::after').content")
    assert "(" in link_after, "printed links show their target"
    context.close()


def test_printed_workbooks_keep_the_model_answers_back(browser, server):
    """M9 (new-user walk): each task's model answer printed open under the task and above the
    writing lines (Material opens every collapsed block to print). The course's rule is
    "write yours first": the printed workbook has the tasks and the room to write, and the
    model answers stay on screen, collapsed, as in the lessons."""
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "trainers/workbooks/02-coaching/")
    answers = page.locator(".workbook-task details")
    assert answers.count() >= 3 and not answers.first.evaluate("d => d.open"), "collapsed on screen"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert answers.evaluate_all("ds => ds.every(d => getComputedStyle(d).display === 'none')")
    assert page.locator(".workbook-task h3").first.is_visible() and page.locator(".write-here").first.is_visible()
    assert watch.take() == []
    context.close()


def test_whole_course_print_page_is_a_clean_document(site, browser, server):
    """A trainer's handout: contents without addresses, every link leading somewhere on
    the page, no progress widgets, no empty trainers' section, quizzes as blank questions."""
    html = (site / "print_page/index.html").read_text()
    ids = set(re.findall(r"""\sid=["']?([^"' >]+)""", html))
    dead = sorted({target for target in re.findall(r"""href=["']?#([^"' >]+)""", html) if target not in ids})
    assert dead == [], f"links to nowhere: {dead}"
    assert 'class="course-progress"' not in html and "class=course-progress " not in html
    assert "quiz-page-progress" not in html
    assert "heading-number" not in html and ">Trainers<" not in html
    assert html.count('class="print-question"') + html.count("class=print-question") >= 100
    assert 'data-correct' not in html, "no answer is marked on the print page"
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, server + "print_page/")
    page.emulate_media(media="print")
    entries = page.locator("#print-page-toc a")
    assert entries.count() > 30, "the table of contents is filled in"
    assert entries.first.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    body_link = page.locator("#print-site-page p a[href]").first
    assert body_link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    first_page = page.locator("#print-site-page section.md-section > h1 + section.print-page").first
    assert first_page.evaluate("s => getComputedStyle(s).breakBefore") == "avoid", "a section title keeps its page"
    assert watch.take() == []
    context.close()


def test_copy_link_copies_the_exact_place_from_the_keyboard(browser, server):
    context, watch = open_context(browser, server, "light")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    lesson = server + "modules/01-foundations/managing-and-leading/"
    visit(page, lesson)
    heading = page.locator("h2[id]").first
    heading_id = heading.get_attribute("id")
    control = heading.locator(".copy-link")
    control.focus()
    assert control.is_visible() and page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.copy-link--done') !== null")
    assert control.inner_text() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == f"{lesson}#{heading_id}"
    assert page.locator("#copy-link-status").inner_text().startswith("Link copied")

    question = page.locator("div.quiz").first
    question.locator(".copy-link").click()
    page.wait_for_timeout(100)
    assert page.evaluate("navigator.clipboard.readText()") == f"{lesson}#{question.get_attribute('id')}"
    assert axe_violations(page) == []
    assert watch.take() == []
    context.close()
