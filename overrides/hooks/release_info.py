"""What a release build knows that a working build does not.

scripts/release.py sets COURSE_VERSION and COURSE_RELEASE_DATE. With them, the footer
names the version and its date, and Material's version selector and outdated-version
banner are switched on (they read the versions.json that mike writes beside the
versions, which a working build served from one folder does not have). The offline
build (OFFLINE=true) is one version opened from file://, so it gets no selector, and
the iframe-worker shim that search needs there comes from the site, not from a CDN.
"""
import os

SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


def on_config(config):
    version = os.environ.get("COURSE_VERSION")
    offline = config.plugins["material/offline"].config.enabled
    if version:
        config.extra["release"] = {"version": version, "date": os.environ.get("COURSE_RELEASE_DATE", "")}
        if not offline:
            config.extra["version"] = {"provider": "mike", "default": "latest", "alias": True}
            config.extra_javascript.append("assets/javascripts/versions.js")
    if offline:
        config.extra["polyfills"] = [SHIM]  # replaces the CDN address the plugin adds
    return config
