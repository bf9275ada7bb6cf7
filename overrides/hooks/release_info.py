"""Adapter: release information (courseware.release.release_info) into the theme's settings."""
import os

from properdocs.plugins import event_priority

from courseware.release.release_info import folder_address, release_settings


@event_priority(-100)  # after mike's on_config, which appends the version to site_url
def on_config(config):
    config["site_url"] = folder_address(config["site_url"])
    # The theme's own offline plugin: ProperDocs keys it "<theme>/offline" (Material's, or its
    # fork MaterialX's), so the theme in use is asked, not named.
    offline = config.plugins[f"{config.theme.name}/offline"]
    settings = release_settings(dict(os.environ), offline=offline.config.enabled)
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

