"""Adapter: no inline code from the course's sources in a page (courseware.html.inline_code),
checked on each page as it will be, after the quizzes, settings and glossary are in."""
from pathlib import Path

from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority

from courseware import reported_as
from courseware.html import inline_code


@event_priority(-100)  # after every other page-content hook
def on_page_content(html, page, config, **kwargs):
    root = Path(config["config_file_path"]).parent

    def sources() -> dict[str, str]:
        found = {f"docs/{page.file.src_uri}": page.file.content_string}
        for path in sorted(root.glob("quizzes/*.y*ml")) + [root / "organisation.yml"]:
            if path.exists():
                found[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
        return found

    with reported_as(PluginError):
        inline_code.check(html, page.file.src_uri, sources)
    return html
