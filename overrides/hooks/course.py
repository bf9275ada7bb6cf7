"""The engine adapter: the one hook file. Each engine event the course uses is handled here
once, its steps listed in the order they run, each a call into courseware (the course's own
logic, which knows nothing of the engine) with why it comes where it does.

The course's model (courseware.pages.site.CourseSite: banks checked against the pages, organisation,
cast, conversations, session plans, coverage, notebook) is built once per build, in on_files,
kept in `_build` for that build only (`make serve` starts each rebuild at on_config, which
empties it), and handed to every step.

Priorities are set only where a step must come before or after a third-party plugin that
stays; each says which. Without one, a handler runs after the plugins' own at priority 0.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from properdocs.exceptions import PluginError
from properdocs.plugins import CombinedEvent, event_priority
from properdocs.structure.files import File, InclusionLevel
from properdocs.structure.pages import Page
from properdocs.structure.toc import AnchorLink, TableOfContents
from properdocs.utils import get_relative_url

from courseware import reported_as
from courseware.html import asset_names, glossary_first_use, html_fixes, inline_code, page_loading, printing
from courseware.model import cast, coverage, edition, glossary, organisation
from courseware.pages import (answer_keys, conversation_pages, notebook, progress, quizzes, review, site,
                              trainer_kit)
from courseware.release import release_info

log = logging.getLogger("mkdocs.hooks.course")

# What this build knows, from on_config to the last page: emptied when a build starts.
_build: dict = {}

# --- on_config ------------------------------------------------------------------------

@event_priority(-100)  # after mike's on_config, which appends the version to site_url
def on_config(config):
    _build.clear()
    root = Path(config["config_file_path"]).parent
    _build.update(root=root, docs=Path(config["docs_dir"]), storage_name=config.extra["storage_name"])
    # The edition first: the learner edition's navigation is the one every later step sees.
    with reported_as(PluginError):
        config.extra["edition"] = edition.checked(config.extra.get("edition", edition.FULL))
    if config.extra["edition"] == edition.LEARNER and config["nav"]:
        config["nav"] = edition.learners_nav(config["nav"])
    # Glossary tooltips go into the abbr extension's settings before any page is converted.
    page = _build["docs"] / glossary.GLOSSARY
    if page.exists():
        with reported_as(PluginError):
            tips = glossary.tooltips(page.read_text(encoding="utf-8"))
        config["mdx_configs"].setdefault("abbr", {})["glossary"] = tips
    # mkdocs-quiz's private members, checked now so an upgrade stops the build at once.
    plugin = config.plugins.get("mkdocs_quiz")
    missing = quizzes.missing_engine_members(plugin) if plugin is not None else []
    if missing:
        raise PluginError(f"mkdocs-quiz no longer has {', '.join(missing)}: "
                          "overrides/hooks/course.py and courseware.pages.quizzes need updating")
    if plugin is not None:  # each quiz fragment converted once, however often the page shows it
        plugin._convert_fragment_markdown = quizzes.converted_once(plugin._convert_fragment_markdown)
    # Release information last, from site_url as mike has left it.
    config["site_url"] = release_info.folder_address(config["site_url"])
    # The theme's own offline plugin: ProperDocs keys it "<theme>/offline" (Material's, or its
    # fork MaterialX's), so the theme in use is asked, not named.
    offline = config.plugins[f"{config.theme.name}/offline"]
    settings = release_info.release_settings(dict(os.environ), offline=offline.config.enabled)
    if settings.release:
        config.extra["release"] = settings.release
    if settings.version_selector:
        config.extra["version"] = settings.version_selector
    config.extra_javascript.extend(settings.scripts)
    if settings.polyfills:
        config.extra["polyfills"] = settings.polyfills
    if settings.homepage:
        config.extra["homepage"] = settings.homepage
    config.theme["features"] = [f for f in config.theme["features"]
                                if not any(f == off or f.startswith(off + ".") for off in settings.features_off)]
    return config


# --- on_files -------------------------------------------------------------------------

# After privacy's on_files (-100), the last plugin to add or drop a file: the hashed copies
# are made of the files that are published. (Privacy reads only files from disk, never one
# generated here.)
@event_priority(-110)
def on_files(files, config):
    # The model, once: every source read and checked, the review page written out.
    with reported_as(PluginError):
        model = site.build(_build["root"], _build["docs"],
                           {f.src_uri: f.content_string for f in files.documentation_pages()})
    for warning in model.warnings:
        log.warning(warning)  # the strict build turns these into a failure
    for notice in model.notices:
        log.info(notice)  # a module test's pool still to come: said, never fatal
    review_page = files.get_file_from_path(review.PAGE)
    if review_page is not None:
        review_page.content_string = model.pages[review.PAGE]
    _build["site"] = model
    # mkdocs-quiz's CSS and JS, patched, as files of their own (the pages link them).
    from mkdocs_quiz import plugin as mkdocs_quiz
    _build["quiz_inline"] = {"css": mkdocs_quiz.style, "js": mkdocs_quiz.js_script}
    with reported_as(PluginError):
        quiz_assets = quizzes.assets(mkdocs_quiz.style, mkdocs_quiz.js_script)
    _add(files, config, {f"{quizzes.ASSET_DIR}/{name}": content for name, content in quiz_assets.items()})
    _build["quiz_assets"] = {name.rsplit(".", 1)[1]: name for name in quiz_assets}
    # The pages' addresses, before the pages made from the model are added: the model links
    # only to the course's own pages.
    urls = {f.src_uri: f.url for f in files.documentation_pages()}
    _build["urls"] = urls
    course = model.course
    _add(files, config, {progress.MAP: progress.progress_map_js(course, urls, urls.get(progress.PROGRESS_PAGE)),
                         progress.CODES: progress.question_codes_js(course)})
    _add(files, config, {answer_keys.answer_key_path(bank.module):
                         answer_keys.answer_key(bank, course.module(bank.module)) for bank in course.banks.values()})
    _add(files, config, {trainer_kit.workbook_path(name): trainer_kit.workbook(name, model.pages)
                         for name in trainer_kit.module_names(model.pages)})
    _add(files, config, {cast.PAGE: cast.team_page(model.team),
                         "reference/organisation.md": organisation.reference_page(model.organisation)
                         + edition.note(config.extra["edition"]),
                         coverage.PAGE: coverage.page(model.coverage, model.pages)})
    # The print page, out of the navigation (on_nav puts it last, on a tab of its own).
    files.append(File.generated(config, printing.PAGE, content=printing.SOURCE, inclusion=InclusionLevel.NOT_IN_NAV))
    _build["printed"] = {}
    # The learner edition drops the trainers' pages last, the generated ones (answer keys, workbooks) too.
    if config.extra["edition"] == edition.LEARNER:
        for file in [f for f in files.documentation_pages() if not edition.for_learners(f.src_uri)]:
            files.remove(file)
    # Last, content-hashed, minified copies of the course's own files; an excluded file
    # (exclude_docs) is not published, so it gets no copy either.
    names = {}
    for file in list(files):
        if file.is_documentation_page() or file.inclusion.is_excluded() or not asset_names.wants_hash(file.src_uri):
            continue
        content = asset_names.minified(file.src_uri, file.content_bytes)
        names[file.src_uri] = asset_names.hashed_name(file.src_uri, content)
        files.append(File.generated(config, names[file.src_uri], content=content))
    _build["asset_names"] = names
    with reported_as(PluginError):
        _build["site_path"] = asset_names.site_path(config.site_url)
    return files


def on_nav(nav, config, files):
    # The print page last in the navigation (a tab of its own), with no previous or next page.
    page = Page(printing.TITLE, files.get_file_from_path(printing.PAGE), config)
    nav.items.append(page)
    nav.pages.append(page)
    return nav


# --- on_page_markdown -----------------------------------------------------------------

@event_priority(50)  # before mkdocs-quiz's on_page_markdown (0) reads the quiz markup
def on_page_markdown(markdown, page, config, files):
    model, src = _build["site"], page.file.src_uri
    # The learner edition drops the trainers-only parts first, so no marker in them is expanded.
    if config.extra["edition"] == edition.LEARNER:
        with reported_as(PluginError):
            markdown = edition.learners_markdown(markdown, src)
    # Conversations before the quiz markers, the notebook and the organisation's settings.
    urls = _build["urls"]
    markdown, player, maps = conversation_pages.expand_page(markdown, model.conversations, model.pages,
                                                       lambda target: progress.relative_url(urls[target], page.url))
    if player:
        page.meta["conversation"] = True
    if maps:
        page.meta["conversation_maps"] = True
    # Quiz markers become mkdocs-quiz's markup (the plugin is switched on for the page), then
    # the progress widgets, which count the page's quizzes.
    if model.course.page_quiz_ids.get(src):
        page.meta["quiz"] = {**(page.meta.get("quiz") or {}), "enabled": True}
    markdown = quizzes.expand_markers(markdown, src, model.course)
    version = (config.extra.get("release") or {}).get("version", "")  # a release's, from on_config
    markdown = progress.expand_markers(markdown, model.course, urls, page.url, _build["storage_name"], version)
    # "My notebook" before the organisation's settings fill in the plan items' words.
    if src == notebook.PAGE:
        markdown = notebook.expand_markers(markdown, model.notebook, urls, page.url, config.site_name)
    # The organisation's settings after the quiz markers (a question can name one).
    with reported_as(PluginError):
        markdown = organisation.render(markdown, model.organisation, src)
    # The trainer kit's agendas and schedule last; trainers' pages stay out of the search.
    if not trainer_kit.searchable(src):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    with reported_as(PluginError):
        return trainer_kit.expand(src, markdown, page.meta, model.plans)


# --- on_page_content ------------------------------------------------------------------

@event_priority(60)  # before mkdocs-quiz's on_page_content (0): it then finds no quiz left to put in
def content_before_mkdocs_quiz(html, page, config, files):
    # Every quiz's HTML, made by mkdocs-quiz's own method, in one pass over the page, each
    # with its final ids and option keys as it is made (nothing renumbers them later).
    plugin = config.plugins.get("mkdocs_quiz")
    stored = plugin._quiz_storage.pop(page.file.src_path, None) if plugin is not None else None
    if not stored:
        return html
    options, translations = plugin._get_quiz_options(page), plugin._get_translation_manager(page, config)
    course = _build["site"].course
    ids = course.page_quiz_ids.get(page.file.src_uri, [])

    def make(inner, number):
        try:
            made = plugin._process_quiz(inner, number, options, translations, config, page, files)
        except ValueError as error:
            raise PluginError(f"{page.file.src_path}: quiz {number + 1}: {error}") from error
        return quizzes.stable_ids(made, ids, course)
    return quizzes.quizzes_in_place(html, {placeholder: data["source"] for placeholder, data in stored.items()},
                                    make, with_source=plugin.config.get("embed_source", True))


@event_priority(-50)  # after mkdocs-quiz's on_page_content (0) has added its scripts and styles
def content_after_mkdocs_quiz(html, page, config, files):
    model, src = _build["site"], page.file.src_uri
    # Glossary tooltips and valid, accessible markup, on the page's own words.
    html = glossary_first_use.first_use_only(html)
    html = html_fixes.stack_wide_tables(html_fixes.name_task_boxes(html))
    # The quizzes finished (final ids and option keys, files for mkdocs-quiz's inline CSS and
    # JS, the page's panel) and the progress scripts.
    html = _finished_quizzes(html, page, model.course)
    # The review page after its quizzes: no per-page panel, its own script and stylesheet.
    if src == review.PAGE:
        html = review.finish_page(html, get_relative_url(review.SCRIPT, page.url),
                                  get_relative_url(review.STYLESHEET, page.url))
    # No inline code from the sources, checked on the page as the learner gets it.
    with reported_as(PluginError):
        inline_code.check(html, src, inline_code.sources_of(_build["root"], src, page.file.content_string))
    # The print page's copy, before the conversations' player and the notebook's boxes: paper
    # gets nothing to type in and no scripts.
    if src != printing.PAGE and printing.printed(src):
        _build["printed"][src] = html
    if page.meta.get("conversation") or page.meta.get("conversation_maps"):
        html += conversation_pages.assets(page.url, bool(page.meta.get("conversation")), _build["storage_name"], html)
    with reported_as(PluginError):
        return notebook.finish_page(html, src, page.url, model.notebook, _build["urls"], _build["storage_name"])


on_page_content = CombinedEvent(content_before_mkdocs_quiz, content_after_mkdocs_quiz)


def _finished_quizzes(html, page, course):
    ids = course.page_quiz_ids.get(page.file.src_uri, [])
    has_widget, with_file = progress.page_needs(html)
    scripts = (progress.scripts(page.url, _build["storage_name"], with_map=has_widget, with_file=with_file)
               if ids or has_widget else "")
    if not ids:
        return html + scripts
    links = {kind: get_relative_url(f"{quizzes.ASSET_DIR}/{name}", page.url)
             for kind, name in _build["quiz_assets"].items()}
    progress_page = _build["urls"].get(progress.PROGRESS_PAGE)
    # The review page shows ten of every question: each is labelled by its own page, and it
    # has no page panel ("Clear my answers on this page" would clear the whole course there).
    on_review = page.file.src_uri == review.PAGE
    panel = None if on_review else progress.page_panel(
        ids, progress.relative_url(progress_page, page.url) if progress_page else None)
    labels = review.question_labels(course) if on_review else None
    with reported_as(PluginError):
        html = quizzes.finish_page(html, page.file.src_uri, ids, _build["quiz_inline"], links, scripts,
                                   panel, labels)
    # mkdocs-quiz writes the quizzes after the engine collected the page's anchors, so a
    # link to a question (`lesson.md#question-id`) would count as broken without this.
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(ids)
    return html


# --- on_page_context, on_template_context ---------------------------------------------

# After search's on_page_context (0) has indexed the page: the print page's words are every
# other page's, indexed there already.
@event_priority(-50)
def on_page_context(context, page, config, nav):
    # The home page's footer "Next" goes where "Start the course" goes (the theme's footer
    # reads page.next_page), not to "My progress", the next page in the navigation.
    if page.file.src_uri == "index.md":
        start = progress.start_page(_build["site"].course)
        page.next_page = next((p for p in nav.pages if p.file.src_uri == start), page.next_page)
    # The print page: every printed page's finished content in nav order, with a cover and contents.
    if page.file.src_uri == printing.PAGE:
        release = config.extra.get("release") or {}
        cover = printing.cover_page(config["site_name"], config["site_description"] or "", release.get("version", ""),
                                    release.get("date", ""), _build["site"].organisation.values.get("name") or "")
        page.content, contents = printing.whole_course(_printed(nav.items), page.url, cover)
        page.toc = TableOfContents([_anchor(entry, 0) for entry in contents])
    return context


def on_template_context(context, template_name, **kwargs):
    # The sitemap leaves the print page out: its words are every other page's.
    if template_name == "sitemap.xml":
        context["pages"] = [file for file in context["pages"] if file.src_uri != printing.PAGE]
    return context


# --- on_post_page, on_post_template ---------------------------------------------------

@event_priority(50)  # before minify_html's on_post_page (0), which unquotes attributes
def on_post_page(output, page, config):
    # Valid HTML for the whole page first, then what the next lesson needs prefetched and the
    # stylesheets in the head, then every link to a course file pointed at its hashed copy.
    output = html_fixes.valid_page(output)
    quiz_assets = [f"{quizzes.ASSET_DIR}/{name}" for name in _build["quiz_assets"].values()]
    output = page_loading.stylesheets_in_head(page_loading.with_prefetch(output, page.url, quiz_assets))
    return asset_names.with_hashed_references(output, page.url, _build["asset_names"])


@event_priority(50)  # before minify_html's on_post_template (0), as above
def on_post_template(output_content, template_name, **kwargs):
    # The 404 page is a template of its own, not a page; its links are absolute.
    if not template_name.endswith(".html"):
        return output_content
    output = html_fixes.valid_page(output_content)
    return asset_names.with_hashed_references(output, "", _build["asset_names"], _build["site_path"])


# --- engine structures ----------------------------------------------------------------

def _add(files, config, generated: dict[str, str]):
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))


def _printed(items) -> list:
    return [printing.Section(item.title, tuple(_printed(item.children))) if item.is_section
            else printing.Page(item.title, item.url, _build["printed"][item.file.src_uri])
            for item in items if item.is_section or (item.is_page and item.file.src_uri in _build["printed"])]


def _anchor(entry, level: int) -> AnchorLink:
    anchor = AnchorLink(entry.title, entry.id, level)
    anchor.children = [_anchor(child, level + 1) for child in entry.children]
    return anchor
