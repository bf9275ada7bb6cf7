"""Every built page is valid HTML, as the W3C Nu HTML checker (vnu.jar) reads it: the
plain build here, the release trees in test_release.py. Fixes live in courseware's HTML
fixes and the templates, never in a filter of the checker's output."""
from conftest import html_errors, page_paths


def test_every_page_is_valid_html(site):
    assert len(page_paths(site)) >= 30
    errors = html_errors(site)
    assert errors == [], "\n".join(errors[:40])
