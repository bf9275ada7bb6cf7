"""Adapter: the whole-course print page (courseware.html.printing), a page the build adds at
print_page/, last in the navigation.

Each page's content is kept as it is finished, before the notebook's boxes go in (paper
gets no boxes to type in). The engine makes every page's content before it puts any page
into the theme, so when the print page's turn comes every other page is there to gather.
"""
from pathlib import Path

from properdocs.plugins import event_priority
from properdocs.structure.files import File, InclusionLevel
from properdocs.structure.pages import Page
from properdocs.structure.toc import AnchorLink, TableOfContents

from courseware.html import printing
from courseware.model import organisation

_contents: dict[str, str] = {}  # each printed page's finished content, by source path


def on_files(files, config):
    _contents.clear()
    files.append(File.generated(config, printing.PAGE, content=printing.SOURCE,
                                inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_nav(nav, config, files):
    """Last in the navigation (a tab of its own), with no previous or next page."""
    page = Page(printing.TITLE, files.get_file_from_path(printing.PAGE), config)
    nav.items.append(page)
    nav.pages.append(page)
    return nav


@event_priority(-100)  # after every hook that finishes a page, before the notebook's boxes (-110)
def on_page_content(html, page, **kwargs):
    if page.file.src_uri != printing.PAGE and printing.printed(page.file.src_uri):
        _contents[page.file.src_uri] = html
    return html


def on_page_context(context, page, config, nav):
    if page.file.src_uri != printing.PAGE:
        return context
    release = config.extra.get("release") or {}  # set by the release_info hook in a release
    name = organisation.load(Path(config["config_file_path"]).parent).values.get("name")
    cover = printing.cover_page(config["site_name"], config["site_description"] or "",
                                release.get("version", ""), release.get("date", ""), name or "")
    page.content, contents = printing.whole_course(_printed(nav.items), page.url, cover)
    page.toc = TableOfContents([_anchor(entry, 0) for entry in contents])
    return context


def on_template_context(context, template_name, **kwargs):
    """The sitemap leaves the print page out: its words are every other page's."""
    if template_name == "sitemap.xml":
        context["pages"] = [file for file in context["pages"] if file.src_uri != printing.PAGE]
    return context


def _printed(items) -> list:
    return [printing.Section(item.title, tuple(_printed(item.children))) if item.is_section
            else printing.Page(item.title, item.url, _contents[item.file.src_uri])
            for item in items if item.is_section or (item.is_page and item.file.src_uri in _contents)]


def _anchor(entry, level: int) -> AnchorLink:
    anchor = AnchorLink(entry.title, entry.id, level)
    anchor.children = [_anchor(child, level + 1) for child in entry.children]
    return anchor
