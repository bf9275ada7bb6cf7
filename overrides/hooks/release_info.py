"""Adapter: release information (courseware.release_info) into the theme's settings."""
import os

from courseware.release_info import release_settings


def on_config(config):
    settings = release_settings(dict(os.environ), offline=config.plugins["material/offline"].config.enabled)
    if settings.release:
        config.extra["release"] = settings.release
    if settings.version_selector:
        config.extra["version"] = settings.version_selector
    config.extra_javascript.extend(settings.scripts)
    if settings.polyfills:
        config.extra["polyfills"] = settings.polyfills
    return config
