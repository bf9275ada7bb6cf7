"""Adapter: release information (courseware.release_info) into the theme's settings."""
import os
from pathlib import Path

from properdocs.plugins import event_priority

from courseware.release_info import external_links_in_new_window, for_lms, release_settings

_settings = {}


def on_config(config):
    settings = release_settings(dict(os.environ), offline=config.plugins["material/offline"].config.enabled)
    _settings["current"] = settings
    if settings.release:
        config.extra["release"] = settings.release
    if settings.version_selector:
        config.extra["version"] = settings.version_selector
    config.extra_javascript.extend(settings.scripts)
    if settings.polyfills:
        config.extra["polyfills"] = settings.polyfills
    if settings.homepage:
        config.extra["homepage"] = settings.homepage
    config.theme["features"] = [f for f in config.theme["features"]
                                if not any(f == off or f.startswith(off + ".") for off in settings.features_off)]
    return config


def on_page_context(context, page, config, nav):
    if _settings["current"].lms:
        page.canonical_url = None  # the package's pages live in the LMS, not at site_url
    return context


@event_priority(90)  # before the minifier
def on_post_page(output, page, config):
    return external_links_in_new_window(output) if _settings["current"].lms else output


@event_priority(-110)  # after the print page is finished (print_page hook)
def on_post_build(config):
    if _settings["current"].lms:
        for page in Path(config["site_dir"]).glob("print_page*.html"):
            page.write_text(for_lms(page.read_text(encoding="utf-8")), encoding="utf-8")
