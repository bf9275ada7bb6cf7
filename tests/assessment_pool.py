"""A real-shaped module test pool for the tests: 15 of module 01's self-check questions given
new ids (`assess-01-…`) and a mark of their own (`zqpoolNN`) in every field a learner could
read, so a test can search a build, a release and every zip in it for each pool question.
Written only into temporary copies of the course, never into quizzes/assessment/; the
course's own pools are taken out of the copy first, so a test knows exactly which pool it
has (one module with a pool, the others warned about)."""
from __future__ import annotations

from pathlib import Path

import yaml

MODULE = "01-foundations"


def mark(number: int) -> str:
    return f"zqpool{number:02d}"  # no word of the course: found only where this pool went


def remove_pools(project: Path):
    """Takes the course's own pools out of a temporary copy."""
    for pool in (project / "quizzes" / "assessment").glob("*.yml"):
        pool.unlink()


def write_pool(project: Path, size: int = 15) -> dict[str, str]:
    """The pool into project/quizzes/assessment/, in place of the course's own; returns each
    question's id and its mark."""
    remove_pools(project)
    bank = yaml.safe_load((project / "quizzes" / f"{MODULE}.yml").read_text(encoding="utf-8"))
    by_objective: dict[int, list[dict]] = {}
    for question in bank["questions"]:
        by_objective.setdefault(question["objective"], []).append(question)
    chosen: list[dict] = []
    while len(chosen) < size:  # round the objectives, so each has two or more
        for questions in by_objective.values():
            if questions and len(chosen) < size:
                chosen.append(questions.pop(0))
    pool, marks = [], {}
    for number, question in enumerate(chosen, 1):
        tag, qid = mark(number), f"assess-01-{question['id']}"
        marks[qid] = tag
        q = {**question, "id": qid, "question": f"In {tag}, {question['question']}",
             "explanation": f"{question['explanation']} ({tag})"}
        if q["type"] == "fill":
            q["feedback_right"] = f"Right, as the lesson works it out ({tag})."
            q["feedback_wrong"] = f"Not quite, so work it through with the lesson ({tag})."
        else:
            q["options"] = [{**o, "text": f"{o['text']} ({tag})", "feedback": f"{o['feedback']} ({tag})"}
                            for o in question["options"]]
        pool.append(q)
    folder = project / "quizzes" / "assessment"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{MODULE}.yml").write_text(
        yaml.safe_dump({"module": MODULE, "questions": pool}, sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8")
    return marks
