"""Adapter: glossary tooltips (courseware.model.glossary, courseware.html.glossary_first_use) on every page."""
from pathlib import Path

from properdocs.exceptions import PluginError

from courseware import reported_as
from courseware.html import glossary_first_use
from courseware.model import glossary


def on_config(config):
    page = Path(config["docs_dir"]) / glossary.GLOSSARY
    if page.exists():
        with reported_as(PluginError):
            tips = glossary.tooltips(page.read_text(encoding="utf-8"))
        config["mdx_configs"].setdefault("abbr", {})["glossary"] = tips
    return config


def on_page_content(html, **kwargs):
    return glossary_first_use.first_use_only(html)
