"""Adapter: the whole-course print page (mkdocs-print-site-plugin) gets each page's
finished HTML, made printable by courseware.printing.

print-site keeps each page's HTML as it stands at its own on_page_content; the course's
hooks change it after that (stable quiz ids, tooltips, accessible names), so this runs
last and hands print-site the finished page.
"""
from pathlib import Path

from properdocs.plugins import event_priority

from courseware import organisation, printing


@event_priority(-100)
def on_page_content(html, page, **kwargs):
    if hasattr(page, "html"):  # print-site stashed this page for the combined print page
        page.html = printing.page_for_print(html)
    return html


@event_priority(90)  # before the minifier unquotes the attributes the pattern reads
def on_post_page(output, **kwargs):
    """print-site renders the print page itself, after this event: it keeps its assets."""
    return printing.without_print_site_assets(output)


@event_priority(90)  # the 404 page, as above
def on_post_template(output_content, template_name, **kwargs):
    return printing.without_print_site_assets(output_content) if template_name.endswith(".html") else output_content


@event_priority(-100)
def on_post_build(config, **kwargs):
    release = config.extra.get("release") or {}  # set by the release_info hook in a release
    name = organisation.load(Path(config["config_file_path"]).parent).values.get("name")
    cover = printing.cover_page(config["site_name"], config["site_description"] or "",
                                release.get("version", ""), release.get("date", ""), name or "")
    for page in Path(config["site_dir"]).glob("print_page*"):
        target = page / "index.html" if page.is_dir() else page
        if target.suffix == ".html" and target.exists():
            target.write_text(printing.finish_print_page(target.read_text(encoding="utf-8"), cover),
                              encoding="utf-8")
