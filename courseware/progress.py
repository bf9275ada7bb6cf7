"""The map the learner's progress is read against: each module's pages and the ids of
the questions on them. Progress itself stays in the learner's browser; the map tells
the progress page which saved answers still belong to a question of this release."""
from __future__ import annotations

import json
import re

from .course import Course

SCRIPT = "assets/javascripts/progress.js"
WIDGET = 'class="course-progress"'
# <!-- progress -->: the course; <!-- progress MODULE -->: one module; <!-- progress full -->: the table
MARKER = re.compile(r"<!--\s*progress(?:\s+(?P<module>full|[0-9]{2}-[a-z0-9-]+))?\s*-->")


def expand_markers(markdown: str) -> str:
    """Each progress marker becomes the place progress.js fills in."""
    return MARKER.sub(lambda m: f'<div {WIDGET} data-module="{m["module"] or ""}" markdown>'
                                '\n\nYour progress appears here once the page has loaded.\n\n</div>', markdown)


def progress_map(course: Course, urls: dict[str, str], progress_url: str | None) -> dict:
    """urls: each page's src path -> its URL below the site root."""
    modules = []
    for module in course.modules:
        order = {src: i for i, src in enumerate(module.page_order)}
        pages = sorted((src for src, ids in course.page_quiz_ids.items()
                        if src.startswith(f"modules/{module.name}/") and ids),
                       key=lambda src: order.get(src, len(order)))
        modules.append({
            "id": module.name, "title": module.title, "url": urls[f"modules/{module.name}/index.md"],
            "pages": [{"title": module.page_titles.get(src, src), "url": urls[src],
                       "ids": course.page_quiz_ids[src]} for src in pages],
        })
    return {"modules": modules, "progressUrl": progress_url}


def progress_map_js(course: Course, urls: dict[str, str], progress_url: str | None) -> str:
    data = json.dumps(progress_map(course, urls, progress_url), ensure_ascii=False, separators=(",", ":"))
    return f"window.courseProgressMap={data};\n"
