"""A printable answer key per module, for trainers: every question in the order
learners meet it, with its correct answers and why."""
from __future__ import annotations

from pathlib import Path

from ..model.banks import BLANK, Bank
from ..model.course import Module
from ..model.text_keys import one_line
from .trainer_kit import ANSWER_KEYS


def answer_key_path(module: str) -> str:
    return f"{ANSWER_KEYS}{module}.md"


def answer_key(bank: Bank, module: Module) -> str:
    """The key as markdown, to be published at ANSWER_KEYS + MODULE.md. Questions are
    numbered as learners see them on each page; ids are internal and never shown."""
    lines = [f"# Answer key: {module.title}", "",
             f"Every question of the [{module.title}](../../modules/{bank.module}/index.md) module, "
             "with its correct answers and explanation, in the order learners meet them. "
             "Print it from your browser for a session.", ""]
    by_page: dict[str, list] = {}
    for q in bank.questions.values():
        by_page.setdefault(q.page or "", []).append(q)
    for src in module.page_order:
        questions = by_page.get(Path(src).stem, [])
        if not questions:
            continue
        lines += [f"## {module.page_titles[src]}", ""]
        for number, q in enumerate(questions, 1):
            lines += ['<div class="answer-key-item" markdown>', "",
                      f"**{number}. {one_line(BLANK.sub('_____', q.question))}**", ""]
            if q.type == "fill":
                lines += [f"Answer: **{', '.join(q.blanks)}**", ""]
            else:
                for option in q.options:
                    mark = "**Correct:**" if option.correct else "Wrong:"
                    lines += [f"- {mark} {one_line(option.text)}"]
                lines += [""]
            lines += [f"*Why:* {one_line(q.explanation)} *(Objective {q.objective}.)*", "", "</div>", ""]
    return "\n".join(lines)
