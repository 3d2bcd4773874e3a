"""Case management in a real browser: the case manager finds a man on her caseload, starts
his case plan (a need, a goal answering it, an action with a target date), writes a
behaviour note and finds both on the timeline; and two tabs editing the same plan do not
overwrite each other (optimistic locking on the plan's version)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casework import services
from casework.models import Action, CaseNote, CasePlan, Goal, Need

from .conftest import VIEWPORT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUMMARY = "Wants to finish school while on remand."
NEED = "Left school at 14; reads slowly."
GOAL = "Reads a newspaper on his own"
ACTION = "Enrol in the literacy class"
NOTE = "Calm during the cell search; helped a newcomer settle in."
NOTE_WORD = "newcomer"
ABSENT_WORD = "helicopter"
GOAL_TAB_1 = "Keeps in touch with his mother by letter"
GOAL_TAB_2 = "Finds a place in the carpentry workshop"
CONFLICT = "Someone else changed this plan while you were editing it"


def _new_page(browser):
    context = browser.new_context(locale="en-US", viewport=VIEWPORT)
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _errors(page) -> list[str]:
    return page.locator(".message.error").all_inner_texts()


def _submit(page, button, url: re.Pattern) -> None:
    """A full-page form post: wait for the redirect to land on ``url``."""
    with page.expect_navigation():
        button.click()
    page.wait_for_url(url)


def _open_details(scope, summary: str):
    """Open a <details> by its summary; returns the <details>."""
    details = scope.locator("details", has=scope.page.locator("summary", has_text=summary)).last
    details.locator("summary", has_text=summary).click()
    expect(details).to_have_attribute("open", "")
    return details


def _tab(page, slug: str, prisoner) -> None:
    """Change tab through htmx (no full reload)."""
    with page.expect_response(lambda r: r.url.endswith(f"/prisoners/{prisoner.pk}/{slug}/")) as swap:
        page.locator(f"#tab-{slug}").click()
    assert swap.value.status == 200
    expect(page.locator(f"#tab-{slug}")).to_have_attribute("aria-selected", "true")


def _add_goal(page, text: str, plan_url: re.Pattern) -> None:
    details = _open_details(page.locator("#tab-panel"), "Add a goal")
    details.locator("textarea[name='goal-description']").fill(text)
    _submit(page, details.get_by_role("button", name="Add the goal", exact=True), plan_url)


def test_caseload_plan_note_and_timeline(page, live_server, live_demo, sign_in):
    cm = live_demo.users["casemanager.a"]
    allocated = live_demo.prisoners["A"][:15]

    # 1. The caseload, from the top navigation: her allocated prisoners, no plan yet.
    sign_in(page, "casemanager.a")
    with page.expect_navigation():
        page.locator("header.topbar nav").get_by_role("link", name="Caseload", exact=True).click()
    page.wait_for_url(re.compile(r"/casework/caseload/$"))
    expect(page.locator("h1")).to_contain_text("Caseload of")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(len(allocated))
    listing = page.locator("table.list").inner_text()
    for prisoner in allocated:
        assert prisoner.prison_number in listing, f"{prisoner.prison_number} missing from the caseload"
    for other in live_demo.prisoners["B"]:
        assert other.prison_number not in listing, f"{other.prison_number} of facility B on her caseload"
    first = rows.first
    expect(first.locator("td").nth(3)).to_have_text("none")

    # 2. The first one's file → the Case plan tab (htmx) → start a plan.
    href = first.locator("td").first.locator("a").get_attribute("href")
    pk = int(re.search(r"/prisoners/(\d+)/$", href).group(1))
    prisoner = next(p for p in allocated if p.pk == pk)
    plan_url = re.compile(rf"/prisoners/{pk}/plan/$")
    with page.expect_navigation():
        first.locator("td").first.locator("a").click()
    page.wait_for_url(re.compile(rf"/prisoners/{pk}/$"))
    expect(page.locator(".casefile-head .facts")).to_contain_text(prisoner.prison_number)
    panel = page.locator("#tab-panel")
    _tab(page, "plan", prisoner)
    expect(panel).to_contain_text("No open case plan.")
    expect(panel).to_contain_text(cm.get_full_name())  # the allocated case manager
    page.fill("#id_plan_summary", SUMMARY)
    _submit(page, panel.get_by_role("button", name="Start a case plan"), plan_url)
    assert not _errors(page), _errors(page)
    plan = CasePlan.objects.get(prisoner=prisoner)
    assert plan.status == "draft" and plan.summary == SUMMARY and plan.version == 1
    expect(panel.locator("h3", has_text="Case plan")).to_contain_text("Draft")
    expect(panel).to_contain_text(SUMMARY)
    expect(panel).to_contain_text("version 1")

    # 3. A need (education).
    details = _open_details(panel, "Add a need")
    details.locator("select[name='need-area']").select_option("education")
    details.locator("textarea[name='need-description']").fill(NEED)
    _submit(page, details.get_by_role("button", name="Add the need", exact=True), plan_url)
    assert not _errors(page), _errors(page)
    expect(page.locator(".message.success")).to_contain_text("Saved.")
    need = Need.objects.get(plan=plan)
    assert need.area == "education" and need.description == NEED
    needs = panel.locator("section.card", has=page.get_by_role("heading", name="Needs"))
    expect(needs).to_contain_text("Education and literacy")
    expect(needs).to_contain_text(NEED)

    # 4. A goal answering that need.
    details = _open_details(panel, "Add a goal")
    details.locator("textarea[name='goal-description']").fill(GOAL)
    need_select = details.locator("select[name='goal-need']")
    expect(need_select.locator(f"option[value='{need.pk}']")).to_contain_text("Education and literacy")
    need_select.select_option(str(need.pk))
    _submit(page, details.get_by_role("button", name="Add the goal", exact=True), plan_url)
    assert not _errors(page), _errors(page)
    expect(page.locator(".message.success")).to_contain_text("Saved.")
    goal = Goal.objects.get(plan=plan)
    assert goal.description == GOAL and goal.need_id == need.pk
    goals = panel.locator("section.card", has=page.get_by_role("heading", name="Goals and actions"))
    goal_row = goals.locator(".item-row", has_text=GOAL)
    expect(goal_row).to_contain_text("Education and literacy")
    expect(goal_row).to_contain_text("No action yet.")

    # 5. An action on that goal, with a target date.
    target = timezone.localdate() + dt.timedelta(days=30)
    details = _open_details(goal_row, "Add an action")
    details.locator("textarea[name$='-description'][name^='action-']").fill(ACTION)
    details.locator("select[name^='action-'][name$='-owner']").select_option(str(cm.pk))
    details.locator("input[name^='action-'][name$='-target_date']").fill(target.isoformat())
    _submit(page, details.get_by_role("button", name="Add the action", exact=True), plan_url)
    assert not _errors(page), _errors(page)
    expect(page.locator(".message.success")).to_contain_text("Saved.")
    action = Action.objects.get(goal=goal)
    assert action.description == ACTION and action.target_date == target and action.owner_id == cm.pk
    goal_row = goals.locator(".item-row", has_text=GOAL)
    expect(goal_row.locator("li", has_text=ACTION)).to_contain_text(target.strftime("%d.%m.%Y"))
    expect(goal_row.locator("li", has_text=ACTION)).to_contain_text(cm.get_full_name())
    plan.refresh_from_db()
    assert plan.version == 4  # created, need, goal, action
    history = panel.locator("section.card", has=page.get_by_role("heading", name="History of the plan"))
    expect(history).to_contain_text(f"Goal added: {GOAL}")
    expect(history).to_contain_text(f"Action added: {ACTION}")

    # 6. The Notes tab: the list loads through htmx; write a behaviour note.
    notes_url = re.compile(rf"/prisoners/{pk}/notes/$")
    with page.expect_response(lambda r: r.url.endswith(f"/casework/prisoners/{pk}/notes/")):
        _tab(page, "notes", prisoner)
    notes = page.locator("#notes")
    expect(notes).to_contain_text("No note yet.")
    page.select_option("#id_kind", label="Behaviour")
    page.fill("#id_text", NOTE)
    _submit(page, panel.get_by_role("button", name="Add the note"), notes_url)
    assert not _errors(page), _errors(page)
    expect(page.locator(".message.success")).to_contain_text("Note added.")
    note = CaseNote.objects.get(prisoner=prisoner)
    assert note.kind == "behaviour" and note.text == NOTE and note.author_id == cm.pk
    item = notes.locator(f"#note-{note.pk}")
    expect(item).to_contain_text(NOTE)
    expect(item.locator(".badge")).to_have_text("Behaviour")
    expect(item).to_contain_text(cm.get_full_name())

    # Search the notes (htmx into #notes): a word of the note, then one that is not there.
    search = panel.locator("form[role='search']")
    page.fill("#notes-q", NOTE_WORD)
    with page.expect_response(lambda r: f"/casework/prisoners/{pk}/notes/?" in r.url and NOTE_WORD in r.url):
        search.get_by_role("button", name="Search").click()
    expect(notes.locator(f"#note-{note.pk}")).to_contain_text(NOTE)
    page.fill("#notes-q", ABSENT_WORD)
    with page.expect_response(
        lambda r: f"/casework/prisoners/{pk}/notes/?" in r.url and ABSENT_WORD in r.url
    ):
        search.get_by_role("button", name="Search").click()
    expect(notes).to_contain_text("No note matches.")
    expect(notes.locator(".note")).to_have_count(0)

    # 7. The Timeline tab (htmx): the plan's changes and the note.
    with page.expect_response(lambda r: r.url.endswith(f"/casework/prisoners/{pk}/timeline/")):
        _tab(page, "timeline", prisoner)
    timeline = page.locator("#timeline ol.timeline")
    expect(timeline).to_be_visible()
    goal_entry = timeline.locator("li.tl-plan", has_text=f"Goal added: {GOAL}")
    expect(goal_entry).to_have_count(1)
    expect(goal_entry.locator("strong")).to_have_text("Case plan changed")
    expect(timeline.locator("li.tl-plan", has_text="Need added: Education and literacy")).to_have_count(1)
    expect(timeline.locator("li.tl-plan", has_text=f"Action added: {ACTION}")).to_have_count(1)
    expect(timeline.locator("li.tl-plan", has_text="Plan created")).to_have_count(1)
    note_entry = timeline.locator("li.tl-note", has_text=NOTE)
    expect(note_entry).to_have_count(1)
    expect(note_entry.locator("strong")).to_have_text("Note: Behaviour")

    # Back on the caseload, the plan and the note show.
    page.goto(f"{live_server.url}/casework/caseload/")
    row = page.locator("table.list tbody tr", has_text=prisoner.prison_number)
    expect(row.locator("td").nth(3)).to_have_text("Draft")
    expect(row.locator("td").nth(5)).to_have_text(timezone.localdate().strftime("%d.%m.%Y"))


def test_two_tabs_on_one_plan_do_not_overwrite_each_other(browser, page, live_server, live_demo, sign_in):
    cm = live_demo.users["casemanager.a"]
    prisoner = live_demo.prisoners["A"][0]
    plan = services.plan_create(actor=cm, prisoner=prisoner, summary=SUMMARY)
    assert plan.version == 1
    plan_path = f"{live_server.url}/prisoners/{prisoner.pk}/plan/"
    plan_url = re.compile(rf"/prisoners/{prisoner.pk}/plan/$")

    context, other = _new_page(browser)
    try:
        tab1, tab2 = page, other
        for tab in (tab1, tab2):
            sign_in(tab, "casemanager.a")
            tab.goto(plan_path)
            expect(tab.locator("#tab-panel")).to_contain_text("version 1")
            expect(tab.locator("#tab-panel")).to_contain_text("No goal yet.")

        # Tab 1 adds a goal: saved, version 2.
        _add_goal(tab1, GOAL_TAB_1, plan_url)
        assert not _errors(tab1), _errors(tab1)
        expect(tab1.locator(".message.success")).to_contain_text("Saved.")
        expect(tab1.locator("#tab-panel")).to_contain_text(GOAL_TAB_1)
        plan.refresh_from_db()
        assert plan.version == 2

        # Tab 2, still on version 1, adds another: refused, told what changed, nothing saved.
        _add_goal(tab2, GOAL_TAB_2, plan_url)
        error = tab2.locator(".message.error")
        expect(error).to_have_count(1)
        expect(error).to_contain_text(re.compile(rf"^{re.escape(CONFLICT)}"))
        expect(error).to_contain_text(f"Goal added: {GOAL_TAB_1}")
        expect(error).to_contain_text(cm.get_full_name())
        expect(error).to_contain_text("Your change was not saved")
        expect(tab2.locator(".message.success")).to_have_count(0)
        assert not Goal.objects.filter(plan=plan, description=GOAL_TAB_2).exists()
        assert list(Goal.objects.filter(plan=plan).values_list("description", flat=True)) == [GOAL_TAB_1]
        plan.refresh_from_db()
        assert plan.version == 2

        # The page tab 2 landed on shows the current plan (tab 1's goal, version 2).
        panel2 = tab2.locator("#tab-panel")
        expect(panel2).to_contain_text(GOAL_TAB_1)
        expect(panel2).to_contain_text("version 2")
        assert GOAL_TAB_2 not in panel2.inner_text()

        # Now tab 2 can add its goal.
        _add_goal(tab2, GOAL_TAB_2, plan_url)
        assert not _errors(tab2), _errors(tab2)
        expect(tab2.locator(".message.success")).to_contain_text("Saved.")
        expect(panel2).to_contain_text(GOAL_TAB_1)
        expect(panel2).to_contain_text(GOAL_TAB_2)
        assert list(Goal.objects.filter(plan=plan).values_list("description", flat=True)) == [
            GOAL_TAB_1,
            GOAL_TAB_2,
        ]
        plan.refresh_from_db()
        assert plan.version == 3
    finally:
        context.close()
