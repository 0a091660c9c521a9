"""Make a pack's data fit for its audience: for members, no member named anywhere, nothing confidential.

This runs before any layout, on plain data, so it can be tested on its own and so the renderer never sees
what members must not. The members' version:

* drops grievances, proposals and meetings marked confidential, and every attachment;
* keeps only non-members in the people list, without their workplaces or contact details;
* passes every text field of every record (names, titles, minutes, positions, notes…) through one
  `Redactor`, so each member becomes the same "Member A" wherever they appear.

The redactor knows every member in the log's people list, with their contact details as extra identifiers
(an e-mail address pasted into minutes is a name too). A name in a record's raised-by, attendee or owner
field that is not in the people list at all is treated as a member: when in doubt, leave a name out.
Letters follow the order members are first named in the records as the pack lists them (dispute,
grievances, proposals, meetings, ballots, key dates).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass, replace
from enum import Enum
from typing import TypeVar, cast

from stls_desk.domain.redaction import UNIDENTIFIED, Identity, Redactor, name_key
from stls_desk.export.pack import Audience, BriefingData, Grievance, Meeting, PackOptions

T = TypeVar("T")

_CONTACT_SPLIT = re.compile(r"[,;\n|/]+|\s{2,}")
_STAND_IN = re.compile(rf"Member [A-Z]+|{re.escape(UNIDENTIFIED)}")  # already redacted: not a stranger


def prepare_for_audience(data: BriefingData, options: PackOptions) -> BriefingData:
    """The data as `options.audience` may see it: unchanged for officers, redacted for members."""
    if options.audience is Audience.OFFICERS:
        return data
    return redact_for_members(data)


def redact_for_members(data: BriefingData) -> BriefingData:
    """The members' version of `data` (see the module docstring)."""
    kept = replace(
        data,
        grievances=tuple(replace(g, attachments=()) for g in data.grievances if not g.confidential),
        proposals=tuple(replace(p, attachments=()) for p in data.proposals if not p.confidential),
        meetings=tuple(replace(m, attachments=()) for m in data.meetings if not m.confidential),
    )
    redactor = members_redactor(data, order_from=kept)
    people = tuple(
        replace(p, name=redactor.redact(p.name), workplace="", contact="")
        for p in data.people
        if not p.is_member
    )

    def scrub(record: T, seen: tuple[str, ...] = ()) -> T:
        return _scrub(record, lambda text: redactor.redact(text, seen=seen))

    return BriefingData(
        dispute=scrub(kept.dispute),
        people=people,
        grievances=tuple(scrub(g, _named_in(g)) for g in kept.grievances),
        proposals=tuple(scrub(p) for p in kept.proposals),
        meetings=tuple(scrub(m, _named_in(m)) for m in kept.meetings),
        ballots=tuple(scrub(b) for b in kept.ballots),
        key_dates=tuple(scrub(k) for k in kept.key_dates),
    )


def members_redactor(data: BriefingData, *, order_from: BriefingData | None = None) -> Redactor:
    """The one Redactor for `data`'s members, lettered by first appearance in `order_from` (or `data`)."""
    known = {name_key(p.name) for p in data.people}
    members = [Identity(p.name, _contact_parts(p.contact)) for p in data.people if p.is_member]
    strangers: dict[str, str] = {}
    records: tuple[Grievance | Meeting, ...] = (*data.grievances, *data.meetings)
    for record in records:
        for name in _named_in(record):
            if name.strip() and name_key(name) not in known and not _STAND_IN.fullmatch(name.strip()):
                strangers.setdefault(name_key(name), name)
    members += [Identity(n) for n in strangers.values()]
    others = [p.name for p in data.people if not p.is_member]
    source = order_from if order_from is not None else data
    in_order = (
        source.dispute,
        source.grievances,
        source.proposals,
        source.meetings,
        source.ballots,
        source.key_dates,
    )
    return Redactor.in_order_of_appearance(members, _texts(in_order), others=others)


def _named_in(record: Grievance | Meeting) -> tuple[str, ...]:
    """The people a record names in its own fields: they are 'seen' for its free text."""
    if isinstance(record, Grievance):
        return record.raised_by
    return tuple(a.name for a in record.attendees) + tuple(a.owner for a in record.actions if a.owner)


def _contact_parts(contact: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in _CONTACT_SPLIT.split(contact) if len(p.strip()) >= 3)


def _scrub(value: T, redact: Callable[[str], str]) -> T:
    """`value` with every string inside it, however deeply, passed through `redact`."""
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return cast(T, redact(value))
    if isinstance(value, tuple):
        return cast(T, tuple(_scrub(v, redact) for v in value))
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _scrub(getattr(value, f.name), redact) for f in fields(value)}
        return cast(T, replace(value, **changes))
    return value


def _texts(value: object) -> Iterator[str]:
    """Every string inside `value`, in field order."""
    if isinstance(value, Enum):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from _texts(v)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from _texts(getattr(value, f.name))
