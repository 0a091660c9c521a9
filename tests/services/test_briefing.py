"""Briefing packs made from a real log: what each audience's PDF holds, read back with pypdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from stls_desk.db.log import Log
from stls_desk.domain.enums import PersonRole
from stls_desk.export.layout import ExportCancelled
from stls_desk.export.pack import Audience, PackOptions, Section
from stls_desk.services import grievances, people
from stls_desk.services.briefing import briefing_data, default_file_name, export_briefing_pack

TODAY = date(2025, 2, 10)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def export(log: Log, tmp_path: Path, audience: Audience, **options: object) -> str:
    target = tmp_path / f"{audience.value}.pdf"
    export_briefing_pack(log, 1, PackOptions(audience, today=TODAY, generated_on=TODAY, **options), target)  # type: ignore[arg-type]
    return pdf_text(target)


def test_the_officers_pack_holds_the_whole_record(demo_log: Log, tmp_path: Path) -> None:
    text = export(demo_log, tmp_path, Audience.OFFICERS)
    data = briefing_data(demo_log, 1, TODAY)
    assert "CONFIDENTIAL" in text
    for g in data.grievances:
        assert g.reference in text
    for p in data.proposals:
        assert p.reference in text
    members = [p.name for p in people.list_people(demo_log, 1) if p.role == PersonRole.MEMBER]
    assert any(name in text for name in members)


def test_the_members_pack_names_no_member_anywhere(demo_log: Log, tmp_path: Path) -> None:
    text = export(demo_log, tmp_path, Audience.MEMBERS)
    members = [p for p in people.list_people(demo_log, 1) if p.role == PersonRole.MEMBER]
    assert members
    for member in members:
        assert member.name not in text
        for part in member.name.split():
            assert part not in text, f"{part!r} of {member.name!r} is in the members' pack"
        if member.contact:
            assert member.contact not in text
    assert "Member A" in text
    assert "CONFIDENTIAL" not in text


def test_confidential_records_stay_out_of_the_members_pack(demo_log: Log, tmp_path: Path) -> None:
    secret = [g for g in grievances.list_grievances(demo_log, grievances.GrievanceQuery(1)) if g.confidential]
    assert secret
    members_text = export(demo_log, tmp_path, Audience.MEMBERS)
    officers_text = export(demo_log, tmp_path, Audience.OFFICERS)
    for g in secret:
        assert g.reference in officers_text
        assert g.reference not in members_text


def test_sections_and_dates_narrow_the_pack(demo_log: Log, tmp_path: Path) -> None:
    text = export(
        demo_log,
        tmp_path,
        Audience.OFFICERS,
        sections=frozenset({Section.GRIEVANCES}),
        date_from=date(2024, 11, 1),
    )
    data = briefing_data(demo_log, 1, TODAY)
    for g in data.grievances:
        if g.raised_on and g.raised_on >= date(2024, 11, 1):
            assert g.reference in text
        elif g.raised_on:
            assert g.reference not in text
    assert "Proposals and positions" not in text


def test_the_ballots_carry_their_assessment(demo_log: Log) -> None:
    ballots = briefing_data(demo_log, 1, TODAY).ballots
    statutory = [b for b in ballots if b.kind.value == "statutory"]
    assert statutory and statutory[0].rule_set
    assert statutory[0].turnout is not None and statutory[0].turnout >= 0.5
    assert statutory[0].mandate_expires is not None


def test_a_failed_export_leaves_the_old_file(demo_log: Log, tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    target = folder / "pack.pdf"
    target.write_bytes(b"the pack from last week")

    def cancel(done: int, total: int) -> bool:
        return done < 3

    with pytest.raises(ExportCancelled):
        export_briefing_pack(demo_log, 1, PackOptions(Audience.MEMBERS, today=TODAY), target, cancel)
    assert target.read_bytes() == b"the pack from last week"
    assert [p.name for p in folder.iterdir()] == ["pack.pdf"]


def test_the_default_file_name(demo_log: Log) -> None:
    name = default_file_name(demo_log, 1, Audience.MEMBERS, TODAY)
    assert name.endswith("-members-pack-2025-02-10.pdf")
    assert " " not in name
