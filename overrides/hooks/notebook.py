"""Adapter: the practice notebook and action plan (courseware.pages.notebook) in the pages.

The activities and checklist items are read from every module page's source once, so
"My notebook" can list them all before those pages are built; each page then gets its
boxes and scripts in its finished HTML.
"""
from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority

from courseware import reported_as
from courseware.pages import notebook

_state: dict = {}


def on_config(config):
    _state.clear()
    _state["storage_name"] = config.extra["storage_name"]
    _state["course_title"] = config.site_name
    return config


def on_files(files, config):
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    with reported_as(PluginError):
        _state["notebook"] = notebook.scan(pages)
    _state["urls"] = {f.src_uri: f.url for f in files.documentation_pages()}
    return files


@event_priority(45)  # before the organisation's settings fill in the plan items' words
def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri != notebook.PAGE:
        return markdown
    return notebook.expand_markers(markdown, _state["notebook"], _state["urls"], page.url, _state["course_title"])


# After print_page (-100) has kept the page for the whole-course print page, which shows
# the lessons as they are on paper: no boxes to type in, no scripts.
@event_priority(-110)
def on_page_content(html, page, **kwargs):
    with reported_as(PluginError):
        return notebook.finish_page(html, page.file.src_uri, page.url, _state["notebook"], _state["urls"],
                                    _state["storage_name"])
