"""Adapter: mkdocs-quiz's quizzes into the page in one pass (courseware.pages.quizzes.quizzes_in_place).

mkdocs-quiz puts each quiz's HTML in place of its placeholder with a pass over the whole
page. This runs first, makes each quiz's HTML with mkdocs-quiz's own method, and puts them
all in at once; mkdocs-quiz then finds none left and adds its scripts as before.
"""
from __future__ import annotations

from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority

from courseware.pages import quizzes

USED = ("_quiz_storage", "_get_quiz_options", "_get_translation_manager", "_process_quiz")


def on_config(config):
    plugin = config.plugins.get("mkdocs_quiz")
    missing = [name for name in USED if plugin is not None and not hasattr(plugin, name)]
    if missing:
        raise PluginError(f"mkdocs-quiz no longer has {', '.join(missing)}: "
                          "overrides/hooks/quiz_in_place.py needs updating")
    return config


@event_priority(60)  # before mkdocs-quiz's own on_page_content
def on_page_content(html, page, config, files):
    plugin = config.plugins.get("mkdocs_quiz")
    stored = plugin._quiz_storage.pop(page.file.src_path, None) if plugin is not None else None
    if not stored:
        return html
    options, translations = plugin._get_quiz_options(page), plugin._get_translation_manager(page, config)

    def make(inner, number):
        try:
            return plugin._process_quiz(inner, number, options, translations, config, page, files)
        except ValueError as error:
            raise PluginError(f"{page.file.src_path}: quiz {number + 1}: {error}") from error
    return quizzes.quizzes_in_place(html, {placeholder: data["source"] for placeholder, data in stored.items()},
                                    make, with_source=plugin.config.get("embed_source", True))
