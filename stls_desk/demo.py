"""The demo log: the Kent STLS dispute from the seed article, built through the services.

Every record goes in through the same service a rep's form would call, in the order the events happened, so
the demo's audit trail is a real one (a grievance is raised, the council answers, it goes into negotiation).
The content is plain data in `demo_content.py` (the dispute, its people and the article's dates),
`demo_grievances.py`, `demo_negotiations.py` and `demo_meetings.py`.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from stls_desk.db.log import Log, LogError, lock_path, open_log
from stls_desk.demo_content import (
    ARTICLE_SOURCE,
    DISPUTE,
    PEOPLE,
    AttachmentSpec,
    BallotSpec,
    GrievanceSpec,
    MeetingSpec,
    ProposalSpec,
    Revision,
)
from stls_desk.demo_grievances import GRIEVANCES
from stls_desk.demo_meetings import MEETINGS
from stls_desk.demo_negotiations import ATTACHMENTS, BALLOTS, KEY_DATES, PROPOSALS
from stls_desk.services import attachments, ballots, disputes, grievances, meetings, people, proposals

DEMO_ACTOR = "STLS Desk demo"
ARTICLE_GRIEVANCE = (
    f"Source: one of the four staff grievances the NEU listed, as reported in {ARTICLE_SOURCE}."
)


@dataclass
class _Timeline:
    """The demo's events, each a call into the services, run in date order (ties in the order added).

    An event may add later events (a meeting schedules the days its actions are done), hence the heap.
    """

    log: Log
    today: date
    ids: dict[str, int] = field(default_factory=dict)
    _queue: list[tuple[date, int, Callable[[], object]]] = field(default_factory=list)
    _added: int = 0

    def on(self, day: date, event: Callable[[], object]) -> None:
        heapq.heappush(self._queue, (day, self._added, event))
        self._added += 1

    def run(self) -> None:
        while self._queue:
            _day, _order, event = heapq.heappop(self._queue)
            event()

    def id(self, kind: str, key: str) -> int:
        return self.ids[f"{kind}:{key}"]


def build_demo(log: Log, today: date | None = None) -> int:
    """Fill log with the demo dispute and return its id.

    The demo's dates are fixed by the article; `today` only decides which action items have been done by
    now, so some are always done and, whenever the demo is built, the latest meeting's are overdue.
    """
    t = _Timeline(log, today or date.today())
    dispute_id = disputes.create_dispute(
        log,
        DISPUTE.title,
        employer=DISPUTE.employer,
        branch=DISPUTE.branch,
        summary=DISPUTE.summary,
        opened_on=DISPUTE.opened_on,
    ).id
    for person in PEOPLE:
        t.ids[f"person:{person.key}"] = people.create_person(
            log,
            dispute_id,
            person.name,
            person.role,
            workplace=person.workplace,
            contact=person.contact,
            notes=person.notes,
        ).id
    for grievance in GRIEVANCES:
        t.on(grievance.raised_on, partial(_raise_grievance, t, dispute_id, grievance))
        for update in grievance.updates:
            t.on(
                update.on,
                partial(_change, grievances.change_grievance, t, "grievance", grievance.key, update.values),
            )
    for proposal in PROPOSALS:
        _proposal(t, dispute_id, proposal)
    for meeting in MEETINGS:
        t.on(meeting.held_at.date(), partial(_hold_meeting, t, dispute_id, meeting))
    for ballot in BALLOTS:
        t.on(ballot.notice_given_on or ballot.opens_on, partial(_announce_ballot, t, dispute_id, ballot))
        t.on(ballot.result_on, partial(_record_result, t, ballot))
    for kd in KEY_DATES:
        t.on(
            kd.recorded_on,
            partial(
                ballots.create_key_date,
                log,
                dispute_id,
                kd.kind,
                kd.title,
                kd.starts_on,
                ends_on=kd.ends_on,
                note=kd.note,
            ),
        )
    for attachment in ATTACHMENTS:
        t.on(attachment.added_on, partial(_attach, t, attachment))
    t.run()
    return dispute_id


def _change(change: Callable[..., object], t: _Timeline, kind: str, key: str, values: dict[str, Any]) -> None:
    change(t.log, t.id(kind, key), **values)


def _raise_grievance(t: _Timeline, dispute_id: int, spec: GrievanceSpec) -> None:
    t.ids[f"grievance:{spec.key}"] = grievances.create_grievance(
        t.log,
        dispute_id,
        spec.title,
        raised_by=[t.id("person", p) for p in spec.raised_by],
        detail=f"{spec.detail}\n\n{ARTICLE_GRIEVANCE}" if spec.from_article else spec.detail,
        category=spec.category,
        scope=spec.scope,
        staff_group=spec.staff_group,
        raised_on=spec.raised_on,
        stage=spec.stage,
        response_due=spec.response_due,
        confidential=spec.confidential,
    ).id


def _proposal(t: _Timeline, dispute_id: int, spec: ProposalSpec) -> None:
    """Table the proposal with the grievances raised by then; link later grievances as they are raised."""
    raised = {g.key: g.raised_on for g in GRIEVANCES}
    t.on(spec.tabled_on, partial(_table_proposal, t, dispute_id, spec))
    for revision in spec.revisions:
        t.on(revision.on, partial(_revise, t, spec.key, revision))
    for day in sorted({raised[g] for g in spec.grievances if raised[g] > spec.tabled_on}):
        t.on(day, partial(_link_grievances, t, spec, day))
    for update in spec.updates:
        t.on(update.on, partial(_change, proposals.change_proposal, t, "proposal", spec.key, update.values))


def _addressed_by(spec: ProposalSpec, day: date) -> list[str]:
    raised = {g.key: g.raised_on for g in GRIEVANCES}
    return [g for g in spec.grievances if raised[g] <= day]


def _table_proposal(t: _Timeline, dispute_id: int, spec: ProposalSpec) -> None:
    t.ids[f"proposal:{spec.key}"] = proposals.create_proposal(
        t.log,
        dispute_id,
        spec.title,
        grievances=[t.id("grievance", g) for g in _addressed_by(spec, spec.tabled_on)],
        tabled_by=spec.tabled_by,
        tabled_on=spec.tabled_on,
        respond_by=spec.respond_by,
        text=spec.text,
        employer_position=spec.employer_position,
        union_position=spec.union_position,
    ).id


def _revise(t: _Timeline, key: str, revision: Revision) -> None:
    proposals.add_revision(t.log, t.id("proposal", key), revision.on, revision.text, revision.note)


def _link_grievances(t: _Timeline, spec: ProposalSpec, day: date) -> None:
    linked = [t.id("grievance", g) for g in _addressed_by(spec, day)]
    proposals.change_proposal(t.log, t.id("proposal", spec.key), grievances=linked)


def _hold_meeting(t: _Timeline, dispute_id: int, spec: MeetingSpec) -> None:
    """Record the meeting, who came and its actions; schedule each action's done day if it has passed."""
    meeting_id = meetings.create_meeting(
        t.log,
        dispute_id,
        spec.title,
        spec.held_at,
        kind=spec.kind,
        location=spec.location,
        agenda=spec.agenda,
        minutes=spec.minutes,
        decisions=spec.decisions,
        confidential=spec.confidential,
    ).id
    t.ids[f"meeting:{spec.key}"] = meeting_id
    meetings.set_attendees(t.log, meeting_id, [(t.id("person", key), side) for key, side in spec.attendees])
    for action in spec.actions:
        action_id = meetings.add_action(
            t.log,
            meeting_id,
            action.description,
            owner_id=t.id("person", action.owner) if action.owner else None,
            due_on=action.due_on,
        ).id
        if action.done_on is not None and action.done_on <= t.today:
            t.on(action.done_on, partial(meetings.change_action, t.log, action_id, done_on=action.done_on))


def _announce_ballot(t: _Timeline, dispute_id: int, spec: BallotSpec) -> None:
    t.ids[f"ballot:{spec.kind.value}"] = ballots.create_ballot(
        t.log,
        dispute_id,
        spec.question,
        spec.opens_on,
        spec.closes_on,
        kind=spec.kind,
        notice_given_on=spec.notice_given_on,
        eligible=spec.eligible,
        important_public_service=spec.important_public_service,
    ).id


def _record_result(t: _Timeline, spec: BallotSpec) -> None:
    ballots.change_ballot(
        t.log,
        t.id("ballot", spec.kind.value),
        votes_cast=spec.votes_cast,
        yes_votes=spec.yes_votes,
        no_votes=spec.no_votes,
        spoilt=spec.spoilt,
    )


def _attach(t: _Timeline, spec: AttachmentSpec) -> None:
    owner_id = t.id(spec.owner, spec.owner_key)
    attachments.add_attachment(t.log, spec.owner, owner_id, spec.name, spec.text.encode("utf-8"))


def write_demo_log(path: Path) -> Path:
    """Write a fresh demo log to path; refuse to overwrite anything already there.

    The log is built under a temporary name beside path and appears under its own name only when complete,
    so an interrupted build never leaves a half-written demo that looks like a log.
    """
    path = Path(path).expanduser()
    if path.exists() or path.is_symlink():
        raise LogError(f"{path} already exists; STLS Desk will not overwrite it. Choose a new file name.")
    if not path.parent.is_dir():
        raise LogError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".building", dir=path.parent)
    except OSError as exc:
        raise LogError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        temp.unlink()  # open_log makes the file itself; mkstemp only reserved a unique name
        log = open_log(temp, create=True, actor=DEMO_ACTOR, exclusive=False)
        try:
            build_demo(log)
        finally:
            log.close()
        _publish(temp, path)
    finally:
        for leftover in (
            temp,
            lock_path(temp),
            temp.with_name(temp.name + "-wal"),
            temp.with_name(temp.name + "-shm"),
        ):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return path


def _publish(temp: Path, path: Path) -> None:
    """Give the finished log its name, unless something appeared there meanwhile (a hard link never
    replaces a file; where links are not supported, check once more and rename)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise LogError(
            f"{path} already exists; STLS Desk will not overwrite it. Choose a new file name."
        ) from None
    except OSError:
        if path.exists():
            raise LogError(f"{path} already exists; STLS Desk will not overwrite it.") from None
        os.replace(temp, path)
