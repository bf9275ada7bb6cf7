"""The whole-course print page: each page's finished HTML, with quizzes as questions to
answer on paper.

mkdocs-quiz's interactive markup needs its script and style, which the combined page
does not load, and would show every answer: on the print page each quiz becomes its
question and options, with room to write.
"""
from __future__ import annotations

import re

QUIZ = re.compile(r'<div class="quiz[ "].*?</section>\s*</div>', re.S)
QUIZ_ASSETS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/quiz/[^"]*">'
                         r'|<script src="[^"]*assets/(?:quiz|javascripts)/[^"]*"[^>]*></script>')
# print-site writes numbering rules for every heading inline even with numbering off.
NUMBERING_STYLE = re.compile(r"<style>\s*\.print-site-enumerate-headings.*?</style>", re.S)


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


def page_for_print(html: str) -> str:
    """A page's content as the print page shows it."""
    return QUIZ_ASSETS.sub("", QUIZ.sub(printable_quiz, html))


def finish_print_page(html: str) -> str:
    """The combined print page, once written."""
    return NUMBERING_STYLE.sub("", html)
