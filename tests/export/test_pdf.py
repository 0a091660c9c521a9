"""Briefing packs read back with pypdf: what is on the pages, what must never be, and how the file is written."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from datetime import date, timedelta
from enum import Enum
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from stls_desk.export.pack import Audience, BriefingData, Section
from stls_desk.export.pdf import (
    BriefingPackRenderer,
    ExportCancelled,
    render_briefing_bytes,
    render_briefing_pack,
)
from tests.export.sample_pack import (
    CONFIDENTIAL_TITLES,
    MEMBERS,
    NON_MEMBERS,
    all_text,
    large_data,
    options,
    page_texts,
    sample_data,
)

T = TypeVar("T")

# A phrase only each section prints (the contents list names every chosen section, so headings alone won't do).
SECTION_MARKERS = {
    Section.AT_A_GLANCE: "proposals awaiting an answer",
    Section.TIMELINE: "Dispute opened",
    Section.GRIEVANCES: "All grievances",
    Section.PROPOSALS: "Union's position",
    Section.MEETINGS: "Open actions",
    Section.BALLOTS: "Upcoming strike days and deadlines",
}


@pytest.fixture(scope="module")
def officers_pdf() -> bytes:
    return render_briefing_bytes(sample_data(), options(Audience.OFFICERS))


@pytest.fixture(scope="module")
def members_pdf() -> bytes:
    return render_briefing_bytes(sample_data(), options(Audience.MEMBERS))


def _outline(pdf: bytes) -> list[str]:
    return [entry.title for entry in PdfReader(BytesIO(pdf)).outline if not isinstance(entry, list)]


@pytest.mark.parametrize(
    "chosen",
    [
        frozenset(Section),
        frozenset({Section.GRIEVANCES, Section.BALLOTS}),
        frozenset({Section.PROPOSALS}),
        frozenset({Section.AT_A_GLANCE, Section.TIMELINE, Section.MEETINGS}),
    ],
)
def test_chosen_sections_are_there_and_the_rest_are_not(chosen: frozenset[Section]) -> None:
    pdf = render_briefing_bytes(sample_data(), options(Audience.OFFICERS, chosen))
    text = all_text(pdf)
    for section, marker in SECTION_MARKERS.items():
        assert (marker in text) is (section in chosen), section
    assert _outline(pdf) == [s.heading for s in Section if s in chosen]


def test_contents_and_outline_give_each_sections_page(officers_pdf: bytes) -> None:
    reader = PdfReader(BytesIO(officers_pdf))
    outline = [
        (e.title, reader.get_destination_page_number(e) + 1)
        for e in reader.outline
        if not isinstance(e, list)
    ]
    assert [title for title, _ in outline] == [s.heading for s in Section]
    numbers: list[tuple[float, int]] = []  # the contents' page numbers, right-aligned on the cover

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip().isdigit() and float(tm[4]) > 450:
            numbers.append((float(tm[5]), int(text)))

    reader.pages[0].extract_text(visitor_text=visit)
    assert [n for _, n in sorted(numbers, reverse=True)] == [page for _, page in outline]
    pages = page_texts(officers_pdf)
    for title, page in outline:
        assert pages[page - 1].startswith(title)


def _positions_on_page(pdf: bytes, needles: dict[str, str]) -> dict[str, list[tuple[int, float]]]:
    """Where each needle's text starts: (page, x) for every line that begins it."""
    found: dict[str, list[tuple[int, float]]] = {k: [] for k in needles}
    for number, page in enumerate(PdfReader(BytesIO(pdf)).pages):

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, number: int = number) -> None:
            for key, needle in needles.items():
                if text.strip() and needle.startswith(text.strip()[:25]) and len(text.strip()) >= 10:
                    found[key].append((number, float(cm[4]) + float(tm[4])))

        page.extract_text(visitor_text=visit)
    return found


def test_each_proposal_shows_both_positions_side_by_side(officers_pdf: bytes) -> None:
    for proposal in sample_data().proposals:
        where = _positions_on_page(
            officers_pdf, {"employer": proposal.employer_position, "union": proposal.union_position}
        )
        assert where["employer"] and where["union"], proposal.reference
        (emp_page, emp_x), (uni_page, uni_x) = where["employer"][0], where["union"][0]
        assert emp_page == uni_page, proposal.reference
        assert emp_x < 200 < uni_x, (proposal.reference, emp_x, uni_x)  # left half and right half of A4


def test_latest_revision_shows_added_and_removed_words(officers_pdf: bytes) -> None:
    text = all_text(officers_pdf)
    assert "What revision 3 changed" in text
    assert "three terms," in text and "two terms." in text  # added and removed, both printed
    assert re.search(r"\d+ words added, \d+ removed", text)


def test_members_pack_names_no_member(officers_pdf: bytes, members_pdf: bytes) -> None:
    officers, members = all_text(officers_pdf), all_text(members_pdf)
    shared = {part for p in NON_MEMBERS for part in re.split(r"[\s-]+", p.name)}  # "Jones" of Mark Jones
    for person in MEMBERS:
        assert person.name in officers, person.name
        assert person.name not in members, person.name
        for part in set(re.split(r"[\s-]+", person.name)) - shared:
            assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", members), part
        for contact in re.split(r"[;,]\s*", person.contact):
            assert not contact or contact not in members
    assert "Member A" in members and "Member F" in members
    # the minutes name members who did not attend; they are gone too
    assert "Member A now covers 41 schools" in members
    assert "Jones from HR" in members  # a non-member who shares a surname part is left alone


def test_confidential_records_only_in_the_officers_pack(officers_pdf: bytes, members_pdf: bytes) -> None:
    officers, members = all_text(officers_pdf), all_text(members_pdf)
    for title in CONFIDENTIAL_TITLES:
        assert title in officers
        assert title not in members
    for attachment in ("capability-letter.pdf", "acas-note.docx"):
        assert attachment in officers
        assert attachment not in members
    assert "Attachments" not in members


def test_confidential_and_page_numbers_on_every_page(officers_pdf: bytes, members_pdf: bytes) -> None:
    title = sample_data().dispute.title
    officers = page_texts(officers_pdf)
    for number, text in enumerate(officers, start=1):
        assert "CONFIDENTIAL" in text
        assert f"Page {number} of {len(officers)}" in text
        assert title in text
    members = page_texts(members_pdf)
    for number, text in enumerate(members, start=1):
        assert "CONFIDENTIAL" not in text
        assert f"Page {number} of {len(members)}" in text
        assert title in text


def test_user_markup_prints_literally() -> None:
    data = sample_data()
    tricky = [
        "<b>not bold</b> & co",
        "<font size=0>tiny</font>",
        '<img src="x">',
        "a < b && c > d",
        "&amp; &#169;",
    ]
    g = replace(data.grievances[0], title=tricky[0])
    p = replace(data.proposals[0], employer_position=tricky[1], union_position=tricky[2])
    m = replace(data.meetings[0], minutes=tricky[3], decisions=tricky[4])
    data = replace(
        data,
        dispute=replace(data.dispute, summary=tricky[0]),
        grievances=(g, *data.grievances[1:]),
        proposals=(p, *data.proposals[1:]),
        meetings=(m, *data.meetings[1:]),
    )
    text = all_text(render_briefing_bytes(data, options(Audience.OFFICERS)))
    for literal in tricky:
        assert literal in text, literal


def test_welsh_polish_and_currency_print_right(officers_pdf: bytes) -> None:
    text = all_text(officers_pdf)
    for word in ("Siân Llŷr", "Dafydd Gŵyn", "Zbigniew Łukaszewski", "Małgorzata Świątek-Żak", "£0.45", "€"):
        assert word in text, word


def test_metadata() -> None:
    meta = PdfReader(BytesIO(render_briefing_bytes(sample_data(), options(Audience.MEMBERS)))).metadata
    assert meta is not None
    assert meta.title == "STLS restructure and TUPE terms — briefing pack for members"
    assert meta.author == "Example NEU Branch"
    assert meta.subject and "Example County Council" in meta.subject


def test_pack_file_is_written_and_counted(tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    result = render_briefing_pack(sample_data(), options(Audience.OFFICERS), target)
    assert result.path == target
    assert result.page_count == len(PdfReader(target).pages) > 5
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


def test_progress_counts_up_to_its_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    render_briefing_pack(
        sample_data(),
        options(Audience.OFFICERS),
        tmp_path / "p.pdf",
        progress=lambda done, total: calls.append((done, total)) is None,
    )
    assert len(calls) > 20
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1][0] == calls[-1][1] == calls[0][1]


def _cancel_after(n: int) -> Callable[[int, int], bool]:
    seen = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return len(seen) < n

    return progress


def test_cancelling_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    with pytest.raises(ExportCancelled):
        render_briefing_pack(sample_data(), options(Audience.MEMBERS), target, progress=_cancel_after(5))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("failure", ["cancel", "error"])
def test_a_failed_export_leaves_the_old_file_alone(tmp_path: Path, failure: str) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"the pack from last week")

    def progress(done: int, total: int) -> bool:
        if done > 10 and failure == "error":
            raise OSError("disk full")
        return done <= 10

    with pytest.raises((ExportCancelled, OSError)):
        render_briefing_pack(sample_data(), options(Audience.OFFICERS), target, progress=progress)
    assert target.read_bytes() == b"the pack from last week"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pdf"]


def _fill(value: T, text: str) -> T:
    """`value` with every string field, however deep, set to `text`."""
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return text  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_fill(v, text) for v in value)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _fill(getattr(value, f.name), text) for f in fields(value)})  # type: ignore[return-value]
    return value


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_in_every_field_renders(text: str) -> None:
    """Every string field set to the same arbitrary text, names included, for officers; for members the
    people keep their names, so the text goes through a redaction that has members to look for."""
    sample = sample_data()
    everything: BriefingData = _fill(sample, text)
    free_text = replace(
        everything,
        people=sample.people,
        grievances=tuple(
            replace(g, raised_by=s.raised_by)
            for g, s in zip(everything.grievances, sample.grievances, strict=True)
        ),
        meetings=tuple(
            replace(
                m,
                attendees=s.attendees,
                actions=tuple(replace(a, owner=sa.owner) for a, sa in zip(m.actions, s.actions, strict=True)),
            )
            for m, s in zip(everything.meetings, sample.meetings, strict=True)
        ),
    )
    for data, audience in ((everything, Audience.OFFICERS), (free_text, Audience.MEMBERS)):
        pdf = render_briefing_bytes(data, options(audience))
        assert len(PdfReader(BytesIO(pdf)).pages) >= 5


@pytest.mark.slow
def test_a_large_log_renders_and_runs_longer() -> None:
    small = render_briefing_bytes(large_data(10, 2), options(Audience.OFFICERS))
    started = time.perf_counter()
    big = render_briefing_bytes(large_data(1000, 200), options(Audience.OFFICERS))
    elapsed = time.perf_counter() - started
    small_pages, big_pages = len(PdfReader(BytesIO(small)).pages), len(PdfReader(BytesIO(big)).pages)
    assert big_pages > small_pages
    assert big_pages > 100
    assert elapsed < 120, elapsed


def test_a_busy_month_of_grievances_is_one_line_on_the_timeline() -> None:
    """Sixty grievances raised in one month: the timeline gives their number and what they were about in
    one line; the Grievances section still lists every one."""
    data = large_data(60, 2)
    data = replace(
        data,
        grievances=tuple(
            replace(
                g,
                raised_on=date(2024, 9, 2) + timedelta(days=i % 20),
                category=("Workload", "Pay")[i % 3 == 0],
            )
            for i, g in enumerate(data.grievances)
        ),
    )
    pages = page_texts(render_briefing_bytes(data, options(Audience.OFFICERS)))
    starts = {
        title: next(i for i, page in enumerate(pages) if page.startswith(title))
        for title in ("Timeline", "Grievances")
    }
    timeline = " ".join(pages[starts["Timeline"] : starts["Grievances"]])
    assert "60 grievances raised" in timeline and "Workload (40), Pay (20)" in timeline
    assert "Grievance raised" not in timeline and "G-0001" not in timeline
    listed = " ".join(pages[starts["Grievances"] :])
    assert all(f"G-{i:04d}" in listed for i in range(1, 61))


def test_every_progress_step_is_ticked_once_even_for_tables_over_many_pages() -> None:
    renderer = BriefingPackRenderer(large_data(300, 3), options(Audience.OFFICERS))
    assert renderer.build(BytesIO()) > 10
    assert renderer.ticker.done == renderer.ticker.total
