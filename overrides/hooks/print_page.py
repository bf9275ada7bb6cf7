"""The whole-course print page (mkdocs-print-site-plugin) gets each page's final HTML,
with quizzes as questions to answer on paper.

print-site keeps each page's HTML as it stands at its own on_page_content; the course's
hooks change it after that (stable quiz ids, tooltips, accessible names), so this runs
last and hands print-site the finished page. mkdocs-quiz's interactive markup needs its
script and style, which the combined page does not load, and would show every answer:
on the print page each quiz becomes its question and options, with room to write.
"""
import re

from mkdocs.plugins import event_priority

QUIZ = re.compile(r'<div class="quiz[ "].*?</section>\s*</div>', re.S)
SCRIPTS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/quiz/[^"]*">'
                     r'|<script src="[^"]*assets/(?:quiz|javascripts)/[^"]*"[^>]*></script>')


def printable_quiz(match: re.Match) -> str:
    quiz = match.group(0)
    question = re.search(r'<div class="quiz-question"[^>]*>(.*?)</div>\s*<form', quiz, re.S)
    text = question.group(1) if question else ""
    text = re.sub(r"<input[^>]*quiz-blank-input[^>]*>", "__________", text)
    options = re.findall(r"<label[^>]*>(.*?)</label>", quiz, re.S)
    items = "".join(f"<li>{option}</li>" for option in options)
    return (f'<div class="print-question">{text}'
            + (f'<ul class="print-question__options">{items}</ul>' if items else "")
            + '<div class="write-here" aria-hidden="true"></div></div>')


@event_priority(-100)
def on_page_content(html, page, **kwargs):
    if hasattr(page, "html"):  # print-site stashed this page for the combined print page
        page.html = SCRIPTS.sub("", QUIZ.sub(printable_quiz, html))
        page.html = re.sub(r'<div id="quiz-progress-sidebar".*?</nav>', "", page.html, flags=re.S)
    return html


@event_priority(-100)
def on_post_build(config, **kwargs):
    """print-site writes numbering rules for every heading inline (16 KB here) even with
    enumerate_headings off, where nothing uses them: drop them."""
    from pathlib import Path

    for page in Path(config["site_dir"]).glob("print_page*"):
        target = page / "index.html" if page.is_dir() else page
        if target.suffix == ".html" and target.exists():
            html = target.read_text(encoding="utf-8")
            target.write_text(re.sub(r"<style>\s*\.print-site-enumerate-headings.*?</style>", "", html, flags=re.S),
                              encoding="utf-8")
