"""Adapter: question banks (courseware) -> mkdocs-quiz -> the page.

quizzes/*.yml and the markers in docs/ are checked and expanded by courseware; this file
only hands it the engine's pages and files, and mkdocs-quiz's own CSS and JS.
"""
from __future__ import annotations

import logging
from pathlib import Path

from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority
from properdocs.structure.files import File
from properdocs.utils import get_relative_url

from courseware import answer_keys, course as course_check, progress, quizzes, reported_as

log = logging.getLogger("mkdocs.hooks.quiz_banks")
PROGRESS_MAP = f"{quizzes.ASSET_DIR}/progress-map.js"
_state: dict = {}


def on_config(config):
    _state.clear()
    _state["root"] = Path(config["config_file_path"]).parent
    return config


def on_files(files, config):
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    course = course_check.check_course(_state["root"], pages)
    if course.errors:
        raise PluginError("Quiz check failed:\n" + "\n".join(course.errors))
    for warning in course.warnings:
        log.warning(warning)  # the strict build turns these into a failure
    _state["course"] = course

    from mkdocs_quiz import plugin as mkdocs_quiz
    _state["inline"] = {"css": mkdocs_quiz.style, "js": mkdocs_quiz.js_script}
    names = {}
    for name, content in quizzes.assets(mkdocs_quiz.style, mkdocs_quiz.js_script).items():
        files.append(File.generated(config, f"{quizzes.ASSET_DIR}/{name}", content=content))
        names[name.rsplit(".", 1)[1]] = name
    _state["asset_names"] = names

    urls = {f.src_uri: f.url for f in files.documentation_pages()}
    progress_page = files.get_file_from_path("progress.md")
    files.append(File.generated(config, PROGRESS_MAP, content=progress.progress_map_js(
        course, urls, progress_page.url if progress_page else None)))
    for bank in course.banks.values():
        files.append(File.generated(config, f"trainers/answer-keys/{bank.module}.md",
                                    content=answer_keys.answer_key(bank, course.module(bank.module))))
    return files


@event_priority(50)  # before mkdocs-quiz reads the page
def on_page_markdown(markdown, page, config, files):
    course = _state["course"]
    if course.page_quiz_ids.get(page.file.src_uri):
        page.meta["quiz"] = {**(page.meta.get("quiz") or {}), "enabled": True}
    markdown = quizzes.expand_markers(markdown, page.file.src_uri, course)
    return progress.expand_markers(markdown)


@event_priority(-50)  # after mkdocs-quiz has written its HTML
def on_page_content(html, page, config, files):
    course = _state["course"]
    ids = course.page_quiz_ids.get(page.file.src_uri, [])
    if ids:
        links = {kind: get_relative_url(f"{quizzes.ASSET_DIR}/{name}", page.url)
                 for kind, name in _state["asset_names"].items()}
        with reported_as(PluginError):
            html = quizzes.finish_page(html, page.file.src_uri, ids, course, _state["inline"], links)
        # mkdocs-quiz writes the quizzes after the engine collected the page's anchors, so a
        # link to a question (`lesson.md#question-id`) would count as broken without this.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(ids)
    if progress.WIDGET in html:
        html += "".join(f'<script src="{get_relative_url(path, page.url)}" defer></script>'
                        for path in (PROGRESS_MAP, progress.SCRIPT))
    return html
