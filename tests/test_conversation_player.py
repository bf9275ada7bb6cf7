"""Branching conversations in Chromium, on the built course: the player (a path to each
ending, going back, starting again, the keyboard and the live region), class mode for a
projector and the trainers' branch maps that open it, the readable tree without JavaScript,
axe in both palettes on a desktop and a phone; and the build stopping at the line of a
broken conversation."""
from __future__ import annotations

import pytest
import yaml

from browsing import DESKTOP, PHONE, SCHEMES, axe_violations, open_context, visit
from conftest import ROOT, copy_project, strict_build

CONVERSATION = yaml.safe_load((ROOT / "conversations/07-callum-return-to-work.yml").read_text())
PAGE = "modules/07-people-processes/conversation-callum-return-to-work/"
NODES = {n["id"]: n for n in CONVERSATION["nodes"]}
ENDINGS = [n["id"] for n in CONVERSATION["nodes"] if "ending" in n]


def path_to(ending: str, conversation: dict = CONVERSATION) -> list[str]:
    """The shortest path of node/choice steps from the start to an ending."""
    nodes = {n["id"]: n for n in conversation["nodes"]}
    queue = [(conversation["start"], [])]
    seen = set()
    while queue:
        node, steps = queue.pop(0)
        if node == ending:
            return steps
        if node in seen:
            continue
        seen.add(node)
        queue += [(c["to"], steps + [f"{node}/{c['id']}"]) for c in nodes[node].get("choices", [])]
    raise AssertionError(f"no path to {ending}")


def shown_on(conv_id: str) -> str:
    """The address of the page whose marker shows the conversation."""
    for page in (ROOT / "docs").rglob("*.md"):
        if f"<!-- conversation {conv_id} -->" in page.read_text(encoding="utf-8"):
            return page.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/"
    raise AssertionError(f"no page shows {conv_id}")


@pytest.fixture
def player(browser, server):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, PAGE)
    yield page
    assert watch.take() == []
    context.close()


def choose(page, step: str):
    node, choice = step.split("/")
    before = page.locator(".course-conversation__log > li").count()
    page.locator(f".course-conversation__choices-now [data-choice='{choice}']").click()
    assert page.locator(".course-conversation__log > li").count() == before + 2
    return node


def test_the_player_replaces_the_tree_and_starts_at_the_start(player):
    assert player.locator("[data-conversation-tree]").is_hidden()
    assert player.locator(".course-conversation__log > li").count() == 1
    first = NODES[CONVERSATION["start"]]
    assert first["says"] in player.locator(".course-conversation__log").inner_text()
    assert player.locator(".course-conversation__choices-now button").count() == len(first["choices"])
    assert player.get_by_role("button", name="Go back one step").is_disabled()
    assert player.get_by_role("group", name="What do you say?").is_visible()


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_path_to_each_ending_shows_its_debrief_and_both_paths(player, ending):
    steps = path_to(ending)
    for step in steps:
        choose(player, step)
        node = NODES[step.split("/")[0]]
        choice = next(c for c in node["choices"] if c["id"] == step.split("/")[1])
        reached = NODES[choice["to"]]
        newest = player.locator(".course-conversation__log > li").last
        assert " ".join(reached["says"].split()) in newest.inner_text()
        assert newest.evaluate("el => el === document.activeElement"), "focus moves to the new line"
        assert " ".join(reached["says"].split()) in player.locator(".course-conversation__player [role=status]").text_content()
        assert " ".join(choice["feedback"].split()) in player.locator(".course-conversation__log").inner_text()
    end = NODES[ending]["ending"]
    title = player.locator(".course-conversation__end-title")
    assert end["title"] in title.inner_text()
    assert "The conversation has ended" in player.locator(".course-conversation__player [role=status]").text_content()
    assert player.locator(".course-conversation__choices-now").count() == 0
    debrief = player.locator(".course-conversation__end")
    assert " ".join(end["went_well"].split()) in debrief.inner_text()
    assert " ".join(end["do_differently"].split()) in debrief.inner_text()
    assert debrief.locator(".course-conversation__path-box--yours li").count() == len(steps)
    assert debrief.locator(".course-conversation__path-box--experienced li").count() == \
        len(CONVERSATION["experienced"])
    links = debrief.locator(".course-conversation__read a")
    assert links.count() == len(end["read"])
    for i in range(links.count()):
        href = links.nth(i).evaluate("a => a.href")
        assert player.request.get(href.split("#")[0]).ok, href


@pytest.mark.parametrize("path", sorted((ROOT / "conversations").glob("*.yml")), ids=lambda p: p.stem[:2])
def test_every_conversation_plays_to_each_of_its_endings(browser, server, path):
    conversation = yaml.safe_load(path.read_text(encoding="utf-8"))
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, shown_on(conversation["id"]))
    endings = [n for n in conversation["nodes"] if "ending" in n]
    for ending in endings:
        page.get_by_role("button", name="Start again").click()
        steps = path_to(ending["id"], conversation)
        for step in steps:
            choose(page, step)
        end = page.locator(".course-conversation__end")
        assert ending["ending"]["title"] in end.locator(".course-conversation__end-title").inner_text()
        assert " ".join(ending["ending"]["went_well"].split()) in end.inner_text()
        assert end.locator(".course-conversation__path-box--yours li").count() == len(steps)
        assert end.locator(".course-conversation__read a").count() == len(ending["ending"]["read"])
    page.get_by_role("button", name="Start again").click()
    for step in conversation["experienced"]:
        choose(page, step)
    assert "You took the same path." in page.locator(".course-conversation__paths-note").inner_text()
    assert watch.take() == []
    context.close()


def test_the_experienced_path_says_so(player):
    for step in CONVERSATION["experienced"]:
        choose(player, step)
    assert "You took the same path." in player.locator(".course-conversation__paths-note").inner_text()


def test_going_back_one_step_and_starting_again(player):
    steps = path_to(ENDINGS[-1])
    for step in steps:
        choose(player, step)
    back = player.get_by_role("button", name="Go back one step")
    back.click()
    assert player.locator(".course-conversation__end").count() == 0
    assert player.locator(".course-conversation__log > li").count() == 2 * len(steps) - 1
    node = NODES[steps[-1].split("/")[0]]
    assert player.locator(".course-conversation__choices-now button").count() == len(node["choices"])
    assert player.locator(".course-conversation__log > li").last.evaluate("el => el === document.activeElement")
    player.get_by_role("button", name="Start again").click()
    assert player.locator(".course-conversation__log > li").count() == 1
    assert back.is_disabled()
    assert player.locator(".course-conversation__log > li").last.evaluate("el => el === document.activeElement")


def test_the_path_and_the_endings_reached_survive_a_reload_and_show_on_progress_and_record(player):
    for step in CONVERSATION["experienced"][:2]:
        choose(player, step)
    player.reload()
    assert player.locator(".course-conversation__log > li").count() == 5, "the path is where it was"
    assert not player.get_by_role("button", name="Go back one step").is_disabled()
    for step in CONVERSATION["experienced"][2:]:
        choose(player, step)
    player.reload()
    assert player.locator(".course-conversation__end").count() == 1, "the ending is where it was"
    saved = player.evaluate("window.courseConversations.get('07-callum-return-to-work')")
    assert saved["steps"] == CONVERSATION["experienced"]
    assert saved["endings"] == [path_end(CONVERSATION["experienced"])]
    player.get_by_role("button", name="Start again").click()
    player.reload()
    assert player.locator(".course-conversation__log > li").count() == 1
    assert player.evaluate("window.courseConversations.get('07-callum-return-to-work').endings") == saved["endings"]
    endings = len(ENDINGS)
    for address in ("progress/", "record/"):
        visit(player, address)
        row = player.locator("tr[data-conversation-row='07-callum-return-to-work']")
        assert row.locator("[data-reached]").inner_text() == f"1 of {endings}", address
        others = player.locator("tr[data-conversation-row]:not([data-conversation-row='07-callum-return-to-work']) "
                                "[data-reached]").all_inner_texts()
        assert others and set(others) == {"Not tried yet"}


def path_end(steps: list[str]) -> str:
    node, choice = steps[-1].split("/")
    return next(c["to"] for c in NODES[node]["choices"] if c["id"] == choice)


def test_the_keyboard_alone_plays_it(player):
    player.locator(".course-conversation__choices-now button").first.focus()
    player.keyboard.press("Enter")
    assert player.locator(".course-conversation__log > li").count() == 3
    player.keyboard.press("Tab")  # from the new line to the first choice
    assert player.evaluate("document.activeElement.classList.contains('course-conversation__choice')")
    player.keyboard.press("Space")
    assert player.locator(".course-conversation__log > li").count() == 5


def test_class_mode_shows_one_exchange_large_with_lettered_choices(player):
    toggle = player.get_by_role("button", name="Class mode")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert player.locator(".course-conversation__letter").first.is_hidden()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert player.locator(".md-header").is_hidden() and player.locator(".md-sidebar--primary").is_hidden()
    assert player.locator("h1").is_visible(), "the title stays: the room sees what it practises"
    assert player.locator(".md-content__inner > p").first.is_hidden(), "the page's introduction goes"
    letters = player.locator(".course-conversation__choices-now .course-conversation__letter")
    assert letters.all_inner_texts() == list("ABCD")[:len(NODES[CONVERSATION["start"]]["choices"])]
    for step in CONVERSATION["experienced"][:2]:
        choose(player, step)
    log = player.locator(".course-conversation__log > li")
    assert log.count() == 5
    visible = [log.nth(i).is_visible() for i in range(5)]
    assert visible == [False, False, False, True, True], "only your latest line and the reply"
    size = lambda: player.locator(".course-conversation__prompt").evaluate(  # noqa: E731
        "el => parseFloat(getComputedStyle(el).fontSize)")
    large = size()
    player.keyboard.press("Escape")
    assert toggle.get_attribute("aria-pressed") == "false"
    assert player.locator(".md-header").is_visible() and all(log.nth(i).is_visible() for i in range(5))
    assert size() < large
    assert player.evaluate("document.activeElement.textContent") == "Class mode"


def test_the_address_with_class_opens_class_mode_and_the_maps_link_there(browser, server):
    context, watch = open_context(browser, server, "light")
    page = context.new_page()
    visit(page, "trainers/conversations/")
    maps = page.locator("[data-conversation-map]")
    assert maps.count() == len(list((ROOT / "conversations").glob("*.yml")))
    for target in page.locator(".course-conversation-map a[href^='#']").evaluate_all(
            "links => links.map(a => a.getAttribute('href').slice(1))"):
        assert page.locator(f"[id='{target}']").count() == 1, f"#{target} is on the page"
    link = page.locator("[data-conversation-map='07-callum-return-to-work']").get_by_role(
        "link", name="open it in class mode")
    link.click()
    page.wait_for_url(f"**/{PAGE}?class")
    assert page.get_by_role("button", name="Class mode").get_attribute("aria-pressed") == "true"
    assert page.locator(".md-header").is_hidden()
    assert axe_violations(page) == []
    assert watch.take() == []
    context.close()


def test_without_javascript_the_whole_tree_reads(browser, server):
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    visit(page, PAGE)
    tree = page.locator("[data-conversation-tree]")
    assert tree.is_visible()
    for node in CONVERSATION["nodes"]:
        section = page.locator(f"[id='07-callum-return-to-work-{node['id']}']")
        assert section.is_visible()
        for choice in node.get("choices", []):
            item = section.locator(f"[data-choice='{choice['id']}']")
            assert " ".join(choice["say"].split()) in item.inner_text()
            assert item.locator(f"a[href='#07-callum-return-to-work-{choice['to']}']").count() == 1
        if "ending" in node:
            assert section.locator(".course-conversation__read a").count() == len(node["ending"]["read"])
    assert page.locator("[id='07-callum-return-to-work-experienced'] li").count() == len(CONVERSATION["experienced"]) + 1
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_nothing_in_the_tree(browser, server, scheme):
    # axe needs JavaScript, so the tree is checked with the player's script kept from loading
    context = browser.new_context(base_url=server, color_scheme=scheme)
    context.route("**/conversation.*.js", lambda route: route.abort())
    page = context.new_page()
    visit(page, PAGE)
    assert page.locator("[data-conversation-tree]").is_visible()
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_nothing_at_the_start_and_at_an_ending(browser, server, scheme, device):
    context, watch = open_context(browser, server, scheme, device)
    page = context.new_page()
    visit(page, PAGE)
    assert axe_violations(page) == []
    for step in CONVERSATION["experienced"]:
        choose(page, step)
    assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= device["viewport"]["width"], "nothing overflows the screen"
    assert watch.take() == []
    context.close()


def test_the_build_stops_at_the_line_of_a_broken_conversation(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "conversations/07-callum-return-to-work.yml"
    text = path.read_text()
    path.write_text(text.replace("        to: medical\n", "        to: nowhere\n", 1))
    line = text[:text.index("        to: medical\n")].count("\n") + 1
    result = strict_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (f"conversations/07-callum-return-to-work.yml:{line}: choice 'detail' leads to 'nowhere', which is "
            "not a node") in result.stdout + result.stderr
