"""Adapter: the "Review my questions" page (courseware.pages.review) made from the pages' own
questions, before the quiz check sees it, and finished after the quizzes are."""
from pathlib import Path

from properdocs.plugins import event_priority
from properdocs.utils import get_relative_url

from courseware.model import course as course_check
from courseware.pages import review

_state: dict = {}


def on_config(config):
    _state["root"] = Path(config["config_file_path"]).parent
    return config


@event_priority(50)  # before quiz_banks checks the banks against the pages
def on_files(files, config):
    page = files.get_file_from_path(review.PAGE)
    if page is None:
        return files
    pages = {f.src_uri: f.content_string for f in files.documentation_pages() if f is not page}
    course = course_check.check_course(_state["root"], pages)
    # With errors the quiz check stops the build with them; the marker is left alone.
    if not course.errors:
        page.content_string = review.expand(page.content_string, course)
    return files


@event_priority(-60)  # after quiz_banks has finished the page's quizzes
def on_page_content(html, page, config, files):
    if page.file.src_uri != review.PAGE:
        return html
    return review.finish_page(html, get_relative_url(review.SCRIPT, page.url),
                              get_relative_url(review.STYLESHEET, page.url))
