"""Adapter: question banks and progress (courseware) -> mkdocs-quiz -> the page.

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

from courseware import reported_as
from courseware.html import page_loading
from courseware.model import course as course_check
from courseware.pages import answer_keys, progress, quizzes, review

log = logging.getLogger("mkdocs.hooks.quiz_banks")
_state: dict = {}


def on_config(config):
    _state.clear()
    _state["root"] = Path(config["config_file_path"]).parent
    _state["storage_name"] = config.extra["storage_name"]
    plugin = config.plugins.get("mkdocs_quiz")
    if plugin is not None:
        if not callable(getattr(plugin, "_convert_fragment_markdown", None)):
            raise PluginError("mkdocs-quiz no longer has _convert_fragment_markdown: "
                              "courseware.pages.quizzes.converted_once needs updating")
        plugin._convert_fragment_markdown = quizzes.converted_once(plugin._convert_fragment_markdown)
    return config


def on_files(files, config):
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    course = course_check.check_course(_state["root"], pages)
    if course.errors:
        raise PluginError("Quiz check failed:\n" + "\n".join(course.errors))
    for warning in course.warnings:
        log.warning(warning)  # the strict build turns these into a failure
    for notice in course.notices:
        log.info(notice)  # a module test's pool still to come: said, never fatal
    _state["course"] = course

    from mkdocs_quiz import plugin as mkdocs_quiz
    _state["inline"] = {"css": mkdocs_quiz.style, "js": mkdocs_quiz.js_script}
    names = {}
    with reported_as(PluginError):
        for name, content in quizzes.assets(mkdocs_quiz.style, mkdocs_quiz.js_script).items():
            files.append(File.generated(config, f"{quizzes.ASSET_DIR}/{name}", content=content))
            names[name.rsplit(".", 1)[1]] = name
    _state["asset_names"] = names

    urls = {f.src_uri: f.url for f in files.documentation_pages()}
    _state["urls"] = urls
    files.append(File.generated(config, progress.MAP, content=progress.progress_map_js(
        course, urls, urls.get(progress.PROGRESS_PAGE))))
    files.append(File.generated(config, progress.CODES, content=progress.question_codes_js(course)))
    for bank in course.banks.values():
        files.append(File.generated(config, answer_keys.answer_key_path(bank.module),
                                    content=answer_keys.answer_key(bank, course.module(bank.module))))
    return files


@event_priority(50)  # before mkdocs-quiz reads the page
def on_page_markdown(markdown, page, config, files):
    course = _state["course"]
    if course.page_quiz_ids.get(page.file.src_uri):
        page.meta["quiz"] = {**(page.meta.get("quiz") or {}), "enabled": True}
    markdown = quizzes.expand_markers(markdown, page.file.src_uri, course)
    version = (config.extra.get("release") or {}).get("version", "")  # a release's, from release_info
    return progress.expand_markers(markdown, course, _state["urls"], page.url, _state["storage_name"], version)


@event_priority(-50)  # after mkdocs-quiz has written its HTML
def on_page_content(html, page, config, files):
    course = _state["course"]
    ids = course.page_quiz_ids.get(page.file.src_uri, [])
    has_widget = f'class="{progress.WIDGET_CLASS}"' in html
    with_file = "data-progress-save" in html or 'data-module="record"' in html
    scripts = (progress.scripts(page.url, _state["storage_name"], with_map=has_widget, with_file=with_file)
               if ids or has_widget else "")
    if ids:
        links = {kind: get_relative_url(f"{quizzes.ASSET_DIR}/{name}", page.url)
                 for kind, name in _state["asset_names"].items()}
        progress_page = _state["urls"].get(progress.PROGRESS_PAGE)
        panel = progress.page_panel(ids, progress.relative_url(progress_page, page.url) if progress_page else None)
        # The review page shows ten of every question: each is labelled by its own page.
        labels = review.question_labels(course) if page.file.src_uri == review.PAGE else None
        with reported_as(PluginError):
            html = quizzes.finish_page(html, page.file.src_uri, ids, course, _state["inline"], links, scripts, panel,
                                       labels)
        # mkdocs-quiz writes the quizzes after the engine collected the page's anchors, so a
        # link to a question (`lesson.md#question-id`) would count as broken without this.
        if page.present_anchor_ids is not None:
            page.present_anchor_ids.update(ids)
    elif has_widget:
        html += scripts
    return html


def on_page_context(context, page, config, nav):
    # The home page's footer "Next" goes where "Start the course" goes (the theme's footer
    # reads page.next_page), not to "My progress", the next page in the navigation.
    if page.file.src_uri == "index.md":
        start = progress.start_page(_state["course"])
        page.next_page = next((p for p in nav.pages if p.file.src_uri == start), page.next_page)
    return context


@event_priority(95)  # the finished page, before the minifier unquotes its attributes
def on_post_page(output, page, config):
    quiz_assets = [f"{quizzes.ASSET_DIR}/{name}" for name in _state["asset_names"].values()]
    return page_loading.stylesheets_in_head(page_loading.with_prefetch(output, page.url, quiz_assets))
