"""A branching conversation's pages: the readable tree a lesson shows (every node, choice
and ending, each with an anchor), the trainers' branch maps, the list on "My progress",
and the scripts and stylesheet a conversation page loads. The conversations themselves
are read and checked in courseware/model/conversations.py.
"""
from __future__ import annotations

import html
import posixpath

from ..model.conversations import (CLASS_MODE, MAPS_MARKER, MARKER, OUTCOMES, PROGRESS_MARKER, SCRIPT, STYLESHEET,
                                   Conversation, headings)
from ..contract import Classes, Data
from ..model.text_keys import one_line


# --- the page ------------------------------------------------------------------------------

def anchor(conv: Conversation, node_id: str) -> str:
    return f"{conv.id}-{node_id}"


def _e(text: str) -> str:
    return html.escape(one_line(text))


def labels(conv: Conversation) -> dict[str, str]:
    """'Step n' for each node in the order a learner meets them, 'Ending: title' for endings:
    the same names on the page, in the player and on the trainers' map."""
    order = conv.order()
    found = {node_id: f"Step {number}"
             for number, node_id in enumerate([n for n in order if not conv.nodes[n].ending], 1)}
    found.update({n: f"Ending: {conv.nodes[n].ending.title}" for n in order if conv.nodes[n].ending})
    return found


def letter(index: int) -> str:
    """A choice's letter (A, B, C, D): what a room votes for in class mode and on the map."""
    return "ABCD"[index]


def tree_html(conv: Conversation, pages: dict[str, str], link_for) -> str:
    """The whole conversation as a readable tree: every node, choice and ending with an
    anchor. link_for('modules/x/y.md') gives the page's address from the page shown on."""
    order = conv.order()
    label = labels(conv)
    steps = " ".join(conv.experienced)
    out = [f'<div class="course-conversation" id="{conv.id}" {Data.CONVERSATION}="{conv.id}" '
           f'{Data.START}="{conv.start}" {Data.EXPERIENCED}="{steps}">',
           f'<p class="course-conversation__setting">{_e(conv.setting)}</p>',
           f'<div class="course-conversation__tree" {Data.CONVERSATION_TREE}>',
           '<p class="course-conversation__how">The whole conversation is below, step by step: each choice says '
           'where it leads and why. With JavaScript on, you play it one step at a time instead.</p>']
    for node_id in order:
        node = conv.nodes[node_id]
        ending = node.ending
        attrs = f' {Data.ENDING}="{ending.outcome}"' if ending else ""
        # A div, not a labelled section: a page with several conversations (the print page)
        # would have landmarks of the same name ("Step 1"); the headings give the structure.
        out.append(f'<div class="course-conversation__node" id="{anchor(conv, node_id)}" {Data.NODE}="{node_id}"'
                   f'{attrs}>')
        heading = _e(label[node_id]) + (f' <span class="course-conversation__outcome">({OUTCOMES[ending.outcome]})'
                                        '</span>' if ending else "")
        out.append(f'<h2 id="{anchor(conv, node_id)}-label" class="{Classes.CONVERSATION_LABEL}">{heading}</h2>')
        out.append(f'<p class="{Classes.CONVERSATION_SAYS}" {Data.SPEAKER}="{_e(node.speaker)}">'
                   f'<span class="course-conversation__speaker">{_e(node.speaker)}:</span> '
                   f'“<span {Data.SAYS}>{_e(node.says)}</span>”</p>')
        if node.notice:
            out.append(f'<p class="course-conversation__notice"><span class="course-conversation__speaker">'
                       f'You notice:</span> <span {Data.NOTICE}>{_e(node.notice)}</span></p>')
        if node.choices:
            out.append('<ul class="course-conversation__choices">')
            for choice in conv.shown_choices(node_id):
                out.append(f'<li {Data.CHOICE}="{choice.id}" {Data.TO}="{choice.to}">'
                           f'<p class="course-conversation__say"><span class="course-conversation__speaker">You:'
                           f'</span> “<span {Data.SAY}>{_e(choice.say)}</span>”</p>'
                           f'<p class="course-conversation__leads">Leads to <a href="#{anchor(conv, choice.to)}">'
                           f'{_e(label[choice.to])}</a>.</p>'
                           f'<p class="course-conversation__feedback"><span class="course-conversation__speaker">'
                           f'Why:</span> <span {Data.FEEDBACK}>{_e(choice.feedback)}</span></p></li>')
            out.append("</ul>")
        if ending:
            out.append(f'<div class="course-conversation__debrief" {Data.DEBRIEF}>')
            out.append(f'<h3>What went well</h3><p>{_e(ending.went_well)}</p>')
            out.append(f'<h3>What to do differently</h3><p>{_e(ending.do_differently)}</p>')
            out.append(f'<h3>Read more</h3><ul class="{Classes.CONVERSATION_READ}">')
            for link in ending.read:
                target, section = link.split("#", 1)
                src = posixpath.normpath(f"modules/{conv.module}/{target}")
                names = headings(pages[src])
                out.append(f'<li><a href="{html.escape(link_for(src))}#{section}">{_e(names.get("", src))}: '
                           f'{_e(names[section])}</a></li>')
            out.append("</ul></div>")
        out.append("</div>")
    out.append(f'<div class="course-conversation__node" id="{conv.id}-experienced" data-experienced-path>'
               f'<h2 id="{conv.id}-experienced-label" class="{Classes.CONVERSATION_LABEL}">The path an experienced '
               'team leader takes</h2><ol class="course-conversation__path">')
    current = conv.start
    for step in conv.experienced:
        node_id, choice_id = step.split("/")
        choice = next(c for c in conv.nodes[node_id].choices if c.id == choice_id)
        out.append(f'<li><a href="#{anchor(conv, node_id)}">{_e(label[node_id])}</a>: “{_e(choice.say)}”</li>')
        current = choice.to
    out.append(f'<li>Ends at <a href="#{anchor(conv, current)}">{_e(label[current])}</a>.</li></ol></div>')
    out.append("</div></div>")
    return "\n".join(out)


def _read_more(conv: Conversation, pages: dict[str, str], link_for) -> list[str]:
    """Every lesson section the endings' debriefs point to, once each, as links."""
    items = []
    for link in [link for node in conv.nodes.values() if node.ending for link in node.ending.read]:
        target, section = link.split("#", 1)
        src = posixpath.normpath(f"modules/{conv.module}/{target}")
        names = headings(pages[src])
        items.append(f'<a href="{html.escape(link_for(src))}#{section}">{_e(names.get("", src))}: '
                     f'{_e(names[section])}</a>')
    return list(dict.fromkeys(items))


def map_markdown(conv: Conversation, pages: dict[str, str], link_for) -> str:
    """A trainer's branch map of one conversation, to print or to run a room from: a heading
    (Markdown, so it is in the contents), the setting, then every step with who says what and
    a table of its choices (letter, words, where each leads, why), the endings' debriefs and
    the experienced path. Anchors start with 'map-' so the map and the learners' page can sit
    on one print page."""
    label = labels(conv)
    here = lambda node_id: f"map-{anchor(conv, node_id)}"  # noqa: E731
    title = headings(pages.get(f"modules/{conv.module}/index.md", "")).get("", conv.module)
    page = link_for(conv.page) if conv.page else ""
    out = [f'<div class="course-conversation-map" data-conversation-map="{conv.id}">',
           f'<p class="course-conversation-map__where">Module: {_e(title)}. '
           + (f'<a href="{html.escape(page)}">Open the conversation</a>, or '
              f'<a href="{html.escape(page)}?{CLASS_MODE}">open it in class mode</a> to run it on a projector.'
              if page else "") + '</p>',
           f'<p class="course-conversation__setting"><strong>Setting.</strong> {_e(conv.setting)}</p>']
    for node_id in conv.order():
        node = conv.nodes[node_id]
        out.append(f'<div class="course-conversation-map__node" id="{here(node_id)}">')
        outcome = f" ({OUTCOMES[node.ending.outcome]})" if node.ending else ""
        out.append(f'<h3 id="{here(node_id)}-label">{_e(label[node_id])}{_e(outcome)}</h3>')
        out.append(f'<p><span class="course-conversation__speaker">{_e(node.speaker)}:</span> “{_e(node.says)}”</p>')
        if node.notice:
            out.append(f'<p class="course-conversation__notice">You notice: {_e(node.notice)}</p>')
        if node.choices:
            out.append('<table class="course-conversation-map__choices"><thead><tr><th scope="col">Choice</th>'
                       '<th scope="col">The team leader says</th><th scope="col">Leads to</th>'
                       '<th scope="col">Why</th></tr></thead><tbody>')
            for index, choice in enumerate(conv.shown_choices(node_id)):
                out.append(f'<tr><td>{letter(index)}</td><td>“{_e(choice.say)}”</td>'
                           f'<td><a href="#{here(choice.to)}">{_e(label[choice.to])}</a></td>'
                           f'<td>{_e(choice.feedback)}</td></tr>')
            out.append("</tbody></table>")
        if node.ending:
            out.append(f'<p><strong>What went well.</strong> {_e(node.ending.went_well)}</p>')
            out.append(f'<p><strong>What to do differently.</strong> {_e(node.ending.do_differently)}</p>')
        out.append("</div>")
    path = []
    for step in conv.experienced:
        node_id, choice_id = step.split("/")
        index = next(i for i, c in enumerate(conv.shown_choices(node_id)) if c.id == choice_id)
        path.append(f'<li><a href="#{here(node_id)}">{_e(label[node_id])}</a>: {letter(index)}</li>')
    out.append('<p><strong>The path an experienced team leader takes:</strong></p>'
               f'<ol class="course-conversation-map__path">{"".join(path)}</ol>')
    read = _read_more(conv, pages, link_for)
    if read:
        out.append('<p><strong>The lesson sections behind it:</strong></p><ul>'
                   + "".join(f"<li>{item}</li>" for item in read) + "</ul>")
    out.append("</div>")
    return f"## {one_line(conv.title)} {{#map-{conv.id}}}\n\n" + "\n".join(out) + "\n"


def progress_html(conversations: dict[str, Conversation], pages: dict[str, str], link_for) -> str:
    """The table of conversations on "My progress" and the course record: the module, the
    conversation (a link to its page) and the endings reached, which progress.js fills in
    from the browser store; the build writes it as for a learner who has tried none."""
    rows = []
    for conv in sorted(conversations.values(), key=lambda c: c.id):
        module = headings(pages.get(f"modules/{conv.module}/index.md", "")).get("", conv.module)
        endings = sum(1 for node in conv.nodes.values() if node.ending)
        link = html.escape(link_for(conv.page)) if conv.page else ""
        rows.append(f'<tr {Data.CONVERSATION_ROW}="{conv.id}" {Data.ENDINGS}="{endings}"><td>{_e(module)}</td>'
                    f'<td><a href="{link}">{_e(conv.title)}</a></td><td {Data.REACHED}>Not tried yet</td></tr>')
    return ('<table class="course-conversation-progress"><thead><tr><th scope="col">Module</th>'
            '<th scope="col">Conversation</th><th scope="col">Endings reached</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def expand_progress(markdown: str, conversations: dict[str, Conversation], pages: dict[str, str], link_for) -> str:
    return PROGRESS_MARKER.sub(lambda m: "\n" + progress_html(conversations, pages, link_for) + "\n", markdown)


def expand_maps(markdown: str, conversations: dict[str, Conversation], pages: dict[str, str], link_for) -> str:
    """The trainers' page with its marker replaced by every conversation's map, in module order."""
    maps = "\n".join(map_markdown(conversations[c], pages, link_for) for c in sorted(conversations))
    return MAPS_MARKER.sub(lambda m: "\n" + maps, markdown)


def expand_markers(markdown: str, conversations: dict[str, Conversation], pages: dict[str, str], link_for) -> str:
    """The page's markdown with each marker replaced by its conversation's tree (raw HTML,
    which Markdown passes through)."""
    return MARKER.sub(lambda m: "\n" + tree_html(conversations[m.group(1)], pages, link_for) + "\n", markdown)


def assets(page_url: str, player: bool = True, storage_name: str = "", page_html: str = "") -> str:
    """The stylesheet (moved to the head by page_loading) and, on a learner's page, the
    course's browser store (unless the page loads it already) and the player, which keeps
    the learner's path there."""
    from .progress import STORE_SCRIPT, relative_url, store_script
    tags = f'<link rel="stylesheet" href="{relative_url(STYLESHEET, page_url)}">'
    if player:
        if f'src="{relative_url(STORE_SCRIPT, page_url)}"' not in page_html:
            tags += store_script(page_url, storage_name)
        tags += f'<script src="{relative_url(SCRIPT, page_url)}" defer></script>'
    return tags


def expand_page(markdown: str, conversations: dict[str, Conversation], pages: dict[str, str],
                link_for) -> tuple[str, bool, bool]:
    """The page's markdown with every conversation marker expanded; whether it shows a
    conversation (and so needs the player) and whether it shows the trainers' maps."""
    if PROGRESS_MARKER.search(markdown):
        markdown = expand_progress(markdown, conversations, pages, link_for)
    maps = bool(MAPS_MARKER.search(markdown))
    if maps:
        markdown = expand_maps(markdown, conversations, pages, link_for)
    player = "<!-- conversation " in markdown
    if player:
        markdown = expand_markers(markdown, conversations, pages, link_for)
    return markdown, player, maps
