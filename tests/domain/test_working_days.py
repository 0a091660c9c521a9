"""Working days by nation: weekends, bank holidays with their substitute days, and local closures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stls_desk.domain.working_days import Nation, WorkingCalendar, bank_holidays

ENGLAND_WALES, SCOTLAND, NORTHERN_IRELAND = Nation.ENGLAND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND


def test_nations_are_stored_by_value_and_read_by_label() -> None:
    assert [(nation.value, nation.label) for nation in Nation] == [
        ("england_wales", "England and Wales"),
        ("scotland", "Scotland"),
        ("northern_ireland", "Northern Ireland"),
    ]
    assert Nation("scotland") is SCOTLAND


@pytest.mark.parametrize(
    ("day", "england_wales", "scotland", "northern_ireland"),
    [
        (date(2026, 3, 6), True, True, True),  # an ordinary Friday
        (date(2026, 3, 7), False, False, False),  # Saturday
        (date(2026, 3, 8), False, False, False),  # Sunday
        # Christmas 2026 is a Friday and Boxing Day a Saturday: the substitute is Monday 28 December.
        (date(2026, 12, 25), False, False, False),
        (date(2026, 12, 28), False, False, False),
        (date(2026, 12, 29), True, True, True),
        # Christmas 2021 fell on a Saturday and Boxing Day on a Sunday: both moved, to 27 and 28 December.
        (date(2021, 12, 27), False, False, False),
        (date(2021, 12, 28), False, False, False),
        # Christmas 2022 was a Sunday: Boxing Day kept Monday, Christmas moved to Tuesday 27 December.
        (date(2022, 12, 26), False, False, False),
        (date(2022, 12, 27), False, False, False),
        # Easter 2026: Good Friday everywhere, Easter Monday not in Scotland.
        (date(2026, 4, 3), False, False, False),
        (date(2026, 4, 6), False, True, False),
        # 2 January is a bank holiday only in Scotland.
        (date(2026, 1, 2), True, False, True),
        # New Year 2022 fell on a weekend: Scotland took 3 and 4 January, the others only the 3rd.
        (date(2022, 1, 3), False, False, False),
        (date(2022, 1, 4), True, False, True),
        # St Andrew's Day 2024 was a Saturday: Scotland's substitute was Monday 2 December.
        (date(2024, 12, 2), True, False, True),
        # St Patrick's Day and the Battle of the Boyne: Northern Ireland only.
        (date(2026, 3, 17), True, True, False),
        (date(2026, 7, 13), True, True, False),
        # The summer bank holiday: first Monday of August in Scotland, last Monday elsewhere.
        (date(2026, 8, 3), True, False, True),
        (date(2026, 8, 31), False, True, False),
    ],
)
def test_is_working_day(day: date, england_wales: bool, scotland: bool, northern_ireland: bool) -> None:
    assert WorkingCalendar(ENGLAND_WALES).is_working_day(day) is england_wales
    assert WorkingCalendar(SCOTLAND).is_working_day(day) is scotland
    assert WorkingCalendar(NORTHERN_IRELAND).is_working_day(day) is northern_ireland


@pytest.mark.parametrize(
    ("nation", "start", "n", "expected"),
    [
        (ENGLAND_WALES, date(2026, 3, 2), 0, date(2026, 3, 2)),
        (ENGLAND_WALES, date(2026, 3, 7), 0, date(2026, 3, 7)),  # n = 0 leaves even a Saturday alone
        (ENGLAND_WALES, date(2026, 3, 2), 1, date(2026, 3, 3)),
        (ENGLAND_WALES, date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday to Monday
        (ENGLAND_WALES, date(2026, 3, 7), 1, date(2026, 3, 9)),  # from a Saturday
        (ENGLAND_WALES, date(2026, 3, 2), 5, date(2026, 3, 9)),  # Acas: "within 5 working days"
        (ENGLAND_WALES, date(2026, 12, 24), 1, date(2026, 12, 29)),
        (ENGLAND_WALES, date(2021, 12, 24), 1, date(2021, 12, 29)),
        (ENGLAND_WALES, date(2022, 12, 23), 1, date(2022, 12, 28)),
        (ENGLAND_WALES, date(2021, 12, 31), 1, date(2022, 1, 4)),
        (SCOTLAND, date(2021, 12, 31), 1, date(2022, 1, 5)),
        (NORTHERN_IRELAND, date(2021, 12, 31), 1, date(2022, 1, 4)),
        (ENGLAND_WALES, date(2026, 4, 2), 1, date(2026, 4, 7)),  # over Good Friday and Easter Monday
        (SCOTLAND, date(2026, 4, 2), 1, date(2026, 4, 6)),  # over Good Friday only
        (ENGLAND_WALES, date(2026, 12, 29), -1, date(2026, 12, 24)),
        (SCOTLAND, date(2026, 1, 5), -2, date(2025, 12, 30)),  # back over the weekend, 2 and 1 January
    ],
)
def test_add_working_days(nation: Nation, start: date, n: int, expected: date) -> None:
    assert WorkingCalendar(nation).add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("nation", "a", "b", "expected"),
    [
        (ENGLAND_WALES, date(2026, 3, 2), date(2026, 3, 2), 0),
        (ENGLAND_WALES, date(2026, 3, 2), date(2026, 3, 9), 5),
        (ENGLAND_WALES, date(2026, 3, 9), date(2026, 3, 2), -5),
        (ENGLAND_WALES, date(2026, 12, 29), date(2026, 12, 24), -1),
        (ENGLAND_WALES, date(2026, 12, 24), date(2026, 12, 29), 1),
        (ENGLAND_WALES, date(2021, 12, 24), date(2022, 1, 5), 5),
        (SCOTLAND, date(2021, 12, 24), date(2022, 1, 5), 4),
        (ENGLAND_WALES, date(2026, 1, 1), date(2026, 12, 31), 253),  # 261 weekdays less 8 bank holidays,
    ],
)
def test_working_days_between(nation: Nation, a: date, b: date, expected: int) -> None:
    assert WorkingCalendar(nation).working_days_between(a, b) == expected


def test_closure_days_are_not_working_days() -> None:
    inset_day = date(2026, 3, 10)
    calendar = WorkingCalendar(
        ENGLAND_WALES, closures={inset_day, date(2026, 3, 14)}
    )  # one falls on a Saturday
    assert not calendar.is_working_day(inset_day)
    assert calendar.add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 11)
    assert calendar.working_days_between(date(2026, 3, 6), date(2026, 3, 13)) == 4


def test_bank_holidays_are_named_and_looked_up_once_a_year() -> None:
    calendar = WorkingCalendar(SCOTLAND)
    assert calendar.bank_holiday_name(date(2024, 12, 2)) == "Saint Andrew's Day (observed)"
    assert calendar.bank_holiday_name(date(2024, 12, 3)) is None
    assert bank_holidays(SCOTLAND, 2024) is bank_holidays(SCOTLAND, 2024)


any_day = st.dates(date(2017, 1, 1), date(2040, 12, 31))
nations = st.sampled_from(list(Nation))


@given(nations, any_day, st.integers(-300, 300).filter(bool), st.frozensets(any_day, max_size=20))
def test_adding_working_days_lands_on_a_working_day(
    nation: Nation, start: date, n: int, closures: frozenset[date]
) -> None:
    calendar = WorkingCalendar(nation, closures)
    end = calendar.add_working_days(start, n)
    assert calendar.is_working_day(end)
    assert (end > start) is (n > 0)
    assert calendar.working_days_between(start, end) == n


@given(nations, any_day, st.integers(0, 120))
def test_working_days_between_counts_day_by_day(nation: Nation, a: date, span: int) -> None:
    calendar = WorkingCalendar(nation)
    b = a + timedelta(days=span)
    by_hand = sum(calendar.is_working_day(a + timedelta(days=offset)) for offset in range(1, span + 1))
    assert calendar.working_days_between(a, b) == by_hand
