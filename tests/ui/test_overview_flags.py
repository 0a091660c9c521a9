"""The Overview's "Needs attention" lines (days of action no ballot and notice cover, with the reasons) and its
"Coming up" list, which comes from the same dated list as the Ballots & dates calendar."""

from __future__ import annotations

from datetime import date, timedelta

from stls_desk.db.log import Log
from stls_desk.domain.enums import KeyDateKind
from stls_desk.services import ballots
from stls_desk.services.deadlines import DeadlineKind
from stls_desk.services.overview import DueKind, overview
from stls_desk.services.upcoming import upcoming
from stls_desk.ui.main_window import MainWindow
from stls_desk.ui.models.table import WARNING
from stls_desk.ui.widgets.record_panel import LINK_ROLE
from tests.ui.data import TODAY, Sample

NO_RESULT = "No result is recorded yet for the statutory ballot that closes on 3 April 2025"


def tree_rows(section) -> list[list[str]]:
    tree = section.tree
    return [
        [tree.topLevelItem(n).text(c) for c in range(tree.columnCount())]
        for n in range(tree.topLevelItemCount())
    ]


def test_the_overview_lists_days_of_action_not_covered(log: Log, sample: Sample) -> None:
    past = ballots.create_key_date(
        log, sample.dispute, KeyDateKind.STRIKE_DAY, "Old strike", date(2025, 1, 6)
    )
    result = overview(log, sample.dispute, TODAY)
    assert [(c.key_date_id, c.reasons) for c in result.needs_attention] == [
        (sample.key_dates["strike"], (NO_RESULT,))
    ]
    assert past.id not in [c.key_date_id for c in result.needs_attention]  # over: history, not a to-do

    # A valid result and a notice in time: nothing needs attention, and the strike day is still coming up.
    result_in = {"eligible": 100, "votes_cast": 60, "yes_votes": 50, "no_votes": 10}
    ballots.change_ballot(log, sample.ballots["statutory"], **result_in)
    ballots.create_key_date(log, sample.dispute, KeyDateKind.NOTICE_SERVED, "Notice", date(2025, 4, 4))
    ballots.change_key_date(log, sample.key_dates["strike"], starts_on=date(2025, 4, 22))
    result = overview(log, sample.dispute, TODAY, horizon_days=60)
    assert result.needs_attention == ()
    strike = [
        i for i in result.coming_up if (i.entity, i.record_id) == ("key_date", sample.key_dates["strike"])
    ]
    assert [(i.kind, i.on, i.flags) for i in strike] == [(DueKind.STRIKE_DAY, date(2025, 4, 22), ())]


def test_coming_up_is_the_calendars_list(log: Log, sample: Sample) -> None:
    result = overview(log, sample.dispute, TODAY)
    horizon = TODAY + timedelta(days=42)
    calendar = {
        (item.day, item.source_entity, item.source_id, item.derived)
        for item in upcoming(log, sample.dispute, TODAY, end=horizon, include_overdue=False)
    }
    dated = [i for i in result.coming_up if i.kind != DueKind.ACTION]
    assert dated and all((i.on, i.entity, i.record_id, i.derived) in calendar for i in dated)
    # Notice of the statutory ballot was given on 4 March, so its next step is the sample voting paper,
    # worked out from the opening day under the 2016 Act's rules.
    ballot = [
        i
        for i in result.coming_up
        if (i.entity, i.record_id) == ("ballot", sample.ballots["statutory"]) and i.derived
    ]
    assert [(i.kind, i.on, i.rule_set) for i in ballot] == [
        (DueKind.SAMPLE_VOTING_PAPER, date(2025, 3, 10), "TU Act 2016")
    ]
    assert DueKind.BALLOT_NOTICE not in [i.kind for i in result.coming_up]
    # The overdue action items stay, though `upcoming` leaves action items out.
    assert [i.text for i in result.overdue if i.kind == DueKind.ACTION] == [
        "Send the caseload figures (Carol Hughes)"
    ]
    assert [i.text for i in result.coming_up if i.kind == DueKind.ACTION] == ["Book the hall (Ben Okafor)"]


def test_needs_attention_opens_the_key_date(window: MainWindow, sample: Sample) -> None:
    section = window.overview.attention
    assert section.isVisible()
    assert section.header.text() == "Needs attention: days of action no ballot and notice cover (1)"
    assert tree_rows(section) == [["17 Mar 2025", "Strike day: First strike day", NO_RESULT]]
    item = section.tree.topLevelItem(0)
    assert item.foreground(2).color() == WARNING
    assert item.data(0, LINK_ROLE) == ("key_date", sample.key_dates["strike"])

    section.tree.itemActivated.emit(item, 0)
    assert window.tab_widget.currentWidget() is window.ballots
    assert window.ballots.key_date_panel.record_id == sample.key_dates["strike"]
    assert window.ballots.key_date_panel.flagged


def test_the_section_goes_when_nothing_needs_attention(window: MainWindow, log: Log, sample: Sample) -> None:
    window.report(ballots.delete_key_date(log, sample.key_dates["strike"]))
    assert not window.overview.attention.isVisible()


def test_coming_up_marks_worked_out_days(window: MainWindow, sample: Sample) -> None:
    coming = window.overview.coming_up.tree
    rows = {coming.topLevelItem(n).text(1): coming.topLevelItem(n) for n in range(coming.topLevelItemCount())}
    derived = rows[DeadlineKind.SAMPLE_VOTING_PAPER.label]
    assert derived.font(1).italic() and not derived.icon(0).isNull()
    assert "TU Act 2016" in derived.toolTip(0)
    strike = rows["Strike day"]
    assert not strike.font(1).italic() and strike.font(1).bold()
    assert strike.foreground(1).color() == WARNING and NO_RESULT in strike.toolTip(0)
    assert rows["Ballot opens"].data(0, LINK_ROLE) == ("ballot", sample.ballots["statutory"])
