"""Dates, counts and shares as the window writes them."""

from __future__ import annotations

from datetime import date, datetime

from stls_desk.ui import format as fmt


def test_a_day_reads_as_a_rep_writes_it() -> None:
    assert fmt.day(date(2025, 2, 25)) == "25 Feb 2025"
    assert fmt.day(date(2025, 3, 3)) == "3 Mar 2025"
    assert fmt.day(None) == ""


def test_ranges_say_each_part_once() -> None:
    assert fmt.day_range(date(2025, 3, 3), None) == "3 Mar 2025"
    assert fmt.day_range(date(2025, 3, 3), date(2025, 3, 7)) == "3–7 Mar 2025"
    assert fmt.day_range(date(2025, 2, 28), date(2025, 3, 3)) == "28 Feb – 3 Mar 2025"
    assert fmt.day_range(date(2025, 12, 30), date(2026, 1, 2)) == "30 Dec 2025 – 2 Jan 2026"


def test_times_counts_and_shares() -> None:
    assert fmt.day_and_time(datetime(2025, 2, 10, 9, 5)) == "10 Feb 2025, 09:05"
    assert fmt.count(5000) == "5,000"
    assert fmt.count(None) == ""
    assert fmt.percent(0.7) == "70%"
    assert fmt.percent(0.4999) == "49.9%"  # rounded down: a shortfall never reads as a pass
    assert fmt.percent(None) == ""
