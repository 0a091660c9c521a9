"""The ballots table and the key dates table, and a ballot's assessment under the rules in force."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from stls_desk.domain.ballots import BallotAssessment, BallotFacts, assess
from stls_desk.domain.rules import NoRuleSetError
from stls_desk.services.ballots import BallotRow, KeyDateRow
from stls_desk.ui import format as fmt
from stls_desk.ui.models.table import NUMBER, Column, ModelIndex, RowTableModel


def assessment(b: BallotRow) -> BallotAssessment | None:
    """The ballot checked against the rule set in force, once its result is in; None before then."""
    counts = (b.eligible, b.votes_cast, b.yes_votes, b.no_votes)
    if any(c is None for c in counts):
        return None
    eligible, cast, yes, no = (int(c or 0) for c in counts)
    facts = BallotFacts(
        b.opens_on,
        b.closes_on,
        eligible,
        cast,
        yes,
        no,
        important_public_service=b.important_public_service,
        mandate_extended_by_agreement=b.mandate_extended_by_agreement,
    )
    try:
        return assess(facts)
    except NoRuleSetError:
        return None


def turnout(b: BallotRow) -> float | None:
    """Votes cast as a share of those entitled to vote, spoilt papers included, as the rules count it."""
    result = assessment(b)
    if result is not None:
        return result.turnout
    if b.votes_cast is None or not b.eligible:
        return None
    return b.votes_cast / b.eligible


def _count_column(title: str, name: str) -> Column:
    """A column of one of a ballot's counts (eligible, votes cast, yes, no), blank until known."""

    def text(b: BallotRow) -> str:
        return fmt.count(getattr(b, name))

    def sort_value(b: BallotRow) -> int:
        return int(getattr(b, name) or 0)

    return Column(title, text, sort_value=sort_value, align=NUMBER, width=6)


def _turnout_sort(b: BallotRow) -> float:
    share = turnout(b)
    return -1.0 if share is None else share


class BallotTableModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        counted = [
            (self.tr("Eligible"), "eligible"),
            (self.tr("Votes cast"), "votes_cast"),
            (self.tr("Yes"), "yes_votes"),
            (self.tr("No"), "no_votes"),
        ]
        super().__init__(parent)
        self.columns = (
            Column(self.tr("Kind"), lambda b: b.kind.label, width=8),
            Column(self.tr("Question"), lambda b: " ".join(b.question.split()), width=34, stretch=True),
            Column(
                self.tr("Opens"),
                lambda b: fmt.day(b.opens_on),
                sort_value=lambda b: b.opens_on.isoformat(),
                width=10,
            ),
            Column(
                self.tr("Closes"),
                lambda b: fmt.day(b.closes_on),
                sort_value=lambda b: b.closes_on.isoformat(),
                width=10,
            ),
            *(_count_column(title, name) for title, name in counted),
            Column(
                self.tr("Turnout"),
                lambda b: fmt.percent(turnout(b)),
                sort_value=_turnout_sort,
                align=NUMBER,
                width=6,
            ),
        )


class KeyDateTableModel(RowTableModel):
    """Key dates, with a column saying whether a strike day or action short of strike is covered.

    `uncovered` maps a key date's id to the reasons no ballot and notice cover it (from services.deadlines);
    the check column reads "⚠ Not covered" in red, the reasons in its tooltip.
    """

    CHECK = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.uncovered: dict[int, tuple[str, ...]] = {}
        self.columns = (
            Column(self.tr("Kind"), lambda k: k.kind.label, width=18),
            Column(self.tr("Title"), lambda k: k.title, width=30, stretch=True),
            Column(
                self.tr("Date"),
                _when,
                sort_value=lambda k: k.starts_on.isoformat(),
                width=15,
            ),
            Column(self.tr("Note"), lambda k: " ".join(k.note.split()), width=20),
            Column(
                self.tr("Check"),
                self._check,
                sort_value=lambda k: (k.id not in self.uncovered, k.starts_on.isoformat()),
                warn=lambda k: k.id in self.uncovered,
                width=12,
            ),
        )

    def set_rows(self, rows: Sequence[Any], uncovered: Mapping[int, tuple[str, ...]] | None = None) -> None:
        self.uncovered = dict(uncovered or {})
        super().set_rows(rows)

    def _check(self, k: KeyDateRow) -> str:
        if k.id in self.uncovered:
            return self.tr("⚠ Not covered")
        return self.tr("Covered") if k.kind.is_industrial_action else ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self.CHECK:
            reasons = self.uncovered.get(self.row_at(index.row()).id)
            if reasons:
                return "\n".join(
                    [self.tr("Not covered by a ballot and notice:"), *(f"• {r}" for r in reasons)]
                )
        return super().data(index, role)


def _when(k: KeyDateRow) -> str:
    return fmt.day_range(k.starts_on, k.ends_on)
