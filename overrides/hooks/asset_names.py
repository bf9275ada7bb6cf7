"""Adapter: content-hashed, minified copies of the course's own assets
(courseware.html.asset_names), and pages that point at them."""
from properdocs.exceptions import PluginError
from properdocs.plugins import event_priority
from properdocs.structure.files import File

from courseware import reported_as
from courseware.html import asset_names

_state: dict = {}


@event_priority(-100)  # after every hook and plugin has added its files
def on_files(files, config):
    names = {}
    for file in list(files):
        # An excluded file (exclude_docs) is not published, so it gets no published copy either.
        if file.is_documentation_page() or file.inclusion.is_excluded() or not asset_names.wants_hash(file.src_uri):
            continue
        content = asset_names.minified(file.src_uri, file.content_bytes)
        names[file.src_uri] = asset_names.hashed_name(file.src_uri, content)
        files.append(File.generated(config, names[file.src_uri], content=content))
    _state["names"] = names
    with reported_as(PluginError):
        _state["site_path"] = asset_names.site_path(config.site_url)
    return files


@event_priority(80)  # after the prefetch links are in, before the minifier unquotes attributes
def on_post_page(output, page, **kwargs):
    return asset_names.with_hashed_references(output, page.url, _state["names"])


@event_priority(80)  # the 404 page, whose links are absolute
def on_post_template(output_content, template_name, **kwargs):
    if not template_name.endswith(".html"):
        return output_content
    return asset_names.with_hashed_references(output_content, "", _state["names"], _state["site_path"])
