"""Adapter: branching conversations (courseware.model.conversations, courseware.pages.conversation_pages) are checked and shown.

conversations/*.yml are checked when the files are known (the build stops with
`conversations/FILE:LINE: what is wrong`); a page's `<!-- conversation ID -->` marker
becomes the conversation's readable tree, and the page gets its stylesheet and player; the
trainers' `<!-- conversation-maps -->` becomes every conversation's branch map.
"""
from pathlib import Path

from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority

from courseware import reported_as
from courseware.model import cast, conversations
from courseware.pages import conversation_pages
from courseware.pages.progress import relative_url

_state: dict = {}


def on_files(files, config):
    pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
    with reported_as(PluginError):
        team = cast.load(Path(config["docs_dir"]))
    found, errors = conversations.check_all(Path(config["config_file_path"]).parent, pages, team)
    if errors:
        raise PluginError("Conversation check failed:\n" + "\n".join(errors))
    _state.update(conversations=found, pages=pages, urls={f.src_uri: f.url for f in files.documentation_pages()})
    return files


@event_priority(60)  # before the quizzes and the glossary read the page
def on_page_markdown(markdown, page, **kwargs):
    urls = _state["urls"]
    link_for = lambda src: relative_url(urls[src], page.url)  # noqa: E731
    if conversations.PROGRESS_MARKER.search(markdown):
        markdown = conversation_pages.expand_progress(markdown, _state["conversations"], _state["pages"], link_for)
    if conversations.MAPS_MARKER.search(markdown):
        page.meta["conversation_maps"] = True
        markdown = conversation_pages.expand_maps(markdown, _state["conversations"], _state["pages"], link_for)
    if "<!-- conversation " not in markdown:
        return markdown
    page.meta["conversation"] = True
    return conversation_pages.expand_markers(markdown, _state["conversations"], _state["pages"], link_for)


@event_priority(-110)  # after the print page took the page's content: paper needs no player
def on_page_content(html, page, config, **kwargs):
    if page.meta.get("conversation") or page.meta.get("conversation_maps"):
        return html + conversation_pages.assets(page.url, bool(page.meta.get("conversation")),
                                           config.extra["storage_name"], html)
    return html
