"""Adapter: valid, accessible HTML (courseware.html.html_fixes) on every page."""
from properdocs.plugins import event_priority

from courseware.html import html_fixes


def on_page_content(html, **kwargs):
    return html_fixes.stack_wide_tables(html_fixes.name_task_boxes(html))


@event_priority(100)  # the whole page, before the minifier rewrites its attributes
def on_post_page(output, **kwargs):
    return html_fixes.valid_page(output)


@event_priority(100)  # before the minifier, as above
def on_post_template(output_content, template_name, **kwargs):
    """The 404 page is a template of its own, not a page."""
    return html_fixes.valid_page(output_content) if template_name.endswith(".html") else output_content
