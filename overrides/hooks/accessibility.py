"""Accessible names that the markdown extensions leave out.

pymdownx.tasklist draws each checklist box as a disabled checkbox with no label, which
screen readers announce as a bare "checkbox" (axe: label). Name it by its state.
"""
import re

TASK_BOX = re.compile(r'<input type="checkbox" disabled(?P<checked>\s*checked)?\s*/?>')


def _named(match: re.Match) -> str:
    state = "Done" if match["checked"] else "To do"
    return f'<input type="checkbox" disabled{match["checked"] or ""} aria-label="{state}">'


def on_page_content(html, **kwargs):
    return TASK_BOX.sub(_named, html)
