"""The one redaction (domain.redaction) and the members' version of a pack's data (export.members)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stls_desk.domain.redaction import UNIDENTIFIED, Identity, Redactor
from stls_desk.export.members import members_redactor, prepare_for_audience
from stls_desk.export.pack import Audience
from tests.export.sample_pack import (
    CONFIDENTIAL_TITLES,
    MEMBERS,
    NON_MEMBERS,
    options,
    sample_data,
    strings_in,
)

MEMBER_NAMES = [p.name for p in MEMBERS]
OTHER_NAMES = [p.name for p in NON_MEMBERS]


@pytest.fixture
def redactor() -> Redactor:
    return Redactor(
        [
            Identity("Siân Llŷr", ("sian.llyr@example.org",)),
            "Zbigniew Łukaszewski",
            "Aoife O'Brien",
            "Ewa Nowak-Jones",
            "Will Brown",
        ],
        others=["Mark Jones", "Priya Fernhill"],
    )


def test_members_get_letters_in_the_order_given(redactor: Redactor) -> None:
    assert [redactor.label(n) for n in redactor.members] == [
        "Member A",
        "Member B",
        "Member C",
        "Member D",
        "Member E",
    ]


def test_letters_run_past_z() -> None:
    r = Redactor([f"Person{i} Surname{i}" for i in range(30)])
    assert r.label("Person25 Surname25") == "Member Z"
    assert r.label("Person26 Surname26") == "Member AA"
    assert r.label("Person29 Surname29") == "Member AD"


def test_full_name_is_replaced_in_any_case_and_spacing(redactor: Redactor) -> None:
    text = "SIÂN LLŶR spoke; then siân   llŷr; then Siân\nLlŷr."
    assert redactor.redact(text) == "Member A spoke; then Member A; then Member A."


def test_same_member_gets_the_same_label_everywhere(redactor: Redactor) -> None:
    assert redactor.redact("Zbigniew Łukaszewski") == redactor.redact("zbigniew łukaszewski") == "Member B"


def test_surname_alone_is_replaced_but_not_inside_another_word(redactor: Redactor) -> None:
    assert redactor.redact("Ms Łukaszewski and Mr Łukaszewskiego") == "Ms Member B and Mr Łukaszewskiego"


def test_possessive_keeps_its_apostrophe(redactor: Redactor) -> None:
    assert (
        redactor.redact("Siân Llŷr's caseload and Llŷr’s list") == "Member A's caseload and Member A’s list"
    )


def test_apostrophes_either_way(redactor: Redactor) -> None:
    assert (
        redactor.redact("Aoife O’Brien, AOIFE O'BRIEN and Ms O'Brien") == "Member C, Member C and Ms Member C"
    )


def test_hyphenated_surname_and_its_parts(redactor: Redactor) -> None:
    assert redactor.redact("Ewa Nowak‑Jones (non-breaking hyphen); Ms Nowak said") == (
        "Member D (non-breaking hyphen); Ms Member D said"
    )


def test_surname_shared_with_a_non_member_is_left_alone(redactor: Redactor) -> None:
    # "Jones" could be the council's Mark Jones: replacing it would put his words in a member's mouth.
    out = redactor.redact("Mark Jones replied. Jones then left. Ewa Nowak-Jones stayed.")
    assert out == "Mark Jones replied. Jones then left. Member D stayed."


def test_non_members_full_names_are_shielded() -> None:
    r = Redactor(["Jan Kowalski"], others=["Jan Kowalski-Smith"])
    assert r.redact("Jan Kowalski-Smith met Jan Kowalski") == "Jan Kowalski-Smith met Member A"


def test_a_name_both_member_and_non_member_is_redacted() -> None:
    r = Redactor(["Sam Green"], others=["Sam Green"])
    assert r.redact("Sam Green") == "Member A"


def test_first_name_alone_only_once_the_member_is_named(redactor: Redactor) -> None:
    assert redactor.redact("Zbigniew spoke first.") == "Zbigniew spoke first."
    assert redactor.redact("Zbigniew spoke first. Later Zbigniew Łukaszewski agreed.") == (
        "Member B spoke first. Later Member B agreed."
    )
    assert redactor.redact("Zbigniew spoke.", seen=["Zbigniew Łukaszewski"]) == "Member B spoke."


def test_lower_case_words_that_are_also_names_are_left(redactor: Redactor) -> None:
    text = "We will send a brown envelope. Will Brown came; Brown agreed, and Will said so."
    assert (
        redactor.redact(text)
        == "We will send a brown envelope. Member E came; Member E agreed, and Member E said so."
    )


def test_extra_identifiers_always_go(redactor: Redactor) -> None:
    assert redactor.redact("Write to SIAN.LLYR@example.org today") == "Write to Member A today"


def test_surname_two_members_share_is_unidentified() -> None:
    r = Redactor(["Ann Evans", "Bob Evans"])
    assert r.redact("Evans said no.") == f"{UNIDENTIFIED} said no."
    assert r.redact("Ann Evans came. Evans said no.") == "Member A came. Member A said no."


def test_combining_accents_match_precomposed(redactor: Redactor) -> None:
    assert redactor.redact("Sia\u0302n Lly\u0302r") == "Member A"


def test_order_of_appearance() -> None:
    r = Redactor.in_order_of_appearance(
        ["Ann Evans", "Siân Llŷr", "Bob Wood"], ["nothing", "Siân Llŷr then Ann Evans"]
    )
    assert [r.label(n) for n in ("Siân Llŷr", "Ann Evans", "Bob Wood")] == [
        "Member A",
        "Member B",
        "Member C",
    ]


def test_no_members_changes_nothing_but_normal_form() -> None:
    assert Redactor([]).redact("Siân Llŷr") == "Siân Llŷr"


_SEPARATOR = st.sampled_from([" ", ". ", ", ", "\n", " (", ") ", "; ", ": ", " – "])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(max_size=20), _SEPARATOR, st.sampled_from(MEMBER_NAMES), _SEPARATOR),
        min_size=1,
        max_size=5,
    )
)
def test_full_names_never_survive_whatever_surrounds_them(parts: list[tuple[str, str, str, str]]) -> None:
    r = Redactor(MEMBER_NAMES, others=OTHER_NAMES)
    text = "".join(before + sep + name + sep2 for before, sep, name, sep2 in parts)
    out = r.redact(text)
    for name in MEMBER_NAMES:
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", out, re.IGNORECASE), (text, out)


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_redaction_never_fails_and_is_idempotent(text: str) -> None:
    r = Redactor(MEMBER_NAMES, others=OTHER_NAMES)
    once = r.redact(text)
    assert r.redact(once) == once


# ----- the members' version of a pack --------------------------------------------------------------------


def test_officers_see_the_data_unchanged() -> None:
    data = sample_data()
    assert prepare_for_audience(data, options(Audience.OFFICERS)) is data


def test_members_version_names_no_member_in_any_field() -> None:
    prepared = prepare_for_audience(sample_data(), options(Audience.MEMBERS))
    text = "\n".join(strings_in(prepared))
    for person in MEMBERS:
        assert person.name not in text
        surname = person.name.split()[-1]
        assert not re.search(rf"(?<![\w-]){re.escape(surname)}(?!\w)", text), surname
        if person.contact:
            assert person.contact not in text
    assert "Member A" in text


def test_members_version_drops_confidential_records_and_attachments() -> None:
    prepared = prepare_for_audience(sample_data(), options(Audience.MEMBERS))
    assert not any(r.confidential for r in (*prepared.grievances, *prepared.proposals, *prepared.meetings))
    assert not any(r.attachments for r in (*prepared.grievances, *prepared.proposals, *prepared.meetings))
    text = "\n".join(strings_in(prepared))
    for title in CONFIDENTIAL_TITLES:
        assert title not in text


def test_members_version_keeps_non_members_without_contacts_or_workplaces() -> None:
    prepared = prepare_for_audience(sample_data(), options(Audience.MEMBERS))
    assert [p.name for p in prepared.people] == OTHER_NAMES
    assert all(p.workplace == "" and p.contact == "" for p in prepared.people)


def test_members_in_fields_become_the_same_labels_as_in_free_text() -> None:
    data = sample_data()
    redactor = members_redactor(data, order_from=prepare_for_audience(data, options(Audience.OFFICERS)))
    prepared = prepare_for_audience(data, options(Audience.MEMBERS))
    g004 = next(g for g in prepared.grievances if g.reference == "G-004")
    assert g004.raised_by == ("Member A",)
    assert g004.detail.startswith("Member A asked")  # first name alone, known from raised-by
    members_meeting = prepared.meetings[1]
    assert [a.name for a in members_meeting.attendees][1:] == ["Member A", "Member B", "Member C"]
    assert "Member B proposed" in members_meeting.minutes
    assert redactor.label("Siân Llŷr") == "Member A"


def test_a_stranger_named_in_a_record_field_is_treated_as_a_member() -> None:
    from dataclasses import replace

    data = sample_data()
    g = replace(data.grievances[0], raised_by=("Rhiannon Unlisted",), detail="Rhiannon Unlisted wrote in.")
    prepared = prepare_for_audience(replace(data, grievances=(g,)), options(Audience.MEMBERS))
    assert "Rhiannon" not in "\n".join(strings_in(prepared))


def test_preparing_twice_keeps_the_letters() -> None:
    once = prepare_for_audience(sample_data(), options(Audience.MEMBERS))
    assert prepare_for_audience(once, options(Audience.MEMBERS)) == once
