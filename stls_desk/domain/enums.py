"""The kinds and statuses a dispute log records, in the union's words.

Each enum's value is what the log stores; `label` is what a rep reads.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        """The value as a rep would write it: 'in_negotiation' reads 'In negotiation'."""
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())


_LABELS = {
    "acas": "Acas",
    "jcc": "Joint consultative committee",
    "tupe_transfer": "TUPE transfer",
    "members_meeting": "Members' meeting",
    "employer_rep": "Employer representative",
    "action_short_of_strike": "Action short of strike",
}


class DisputeStatus(_Labelled):
    ACTIVE = "active"
    SETTLED = "settled"
    CLOSED = "closed"


class PersonRole(_Labelled):
    MEMBER = "member"
    REP = "rep"
    OFFICER = "officer"
    EMPLOYER_REP = "employer_rep"
    OTHER = "other"


class GrievanceScope(_Labelled):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


class GrievanceStage(_Labelled):
    INFORMAL = "informal"
    FORMAL = "formal"
    APPEAL = "appeal"
    COLLECTIVE_PROCEDURE = "collective_procedure"


class GrievanceStatus(_Labelled):
    OPEN = "open"
    RAISED = "raised_with_employer"
    IN_NEGOTIATION = "in_negotiation"
    RESOLVED = "resolved"
    WITHDRAWN = "withdrawn"

    @property
    def is_open(self) -> bool:
        return self not in (GrievanceStatus.RESOLVED, GrievanceStatus.WITHDRAWN)


class TabledBy(_Labelled):
    EMPLOYER = "employer"
    UNION = "union"
    JOINT = "joint"


class ProposalStatus(_Labelled):
    TABLED = "tabled"
    UNDER_CONSIDERATION = "under_consideration"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"
    AGREED = "agreed"

    @property
    def awaiting_answer(self) -> bool:
        """Still on the table: the other side has not yet said yes or no."""
        return self in (ProposalStatus.TABLED, ProposalStatus.UNDER_CONSIDERATION)


class MeetingKind(_Labelled):
    NEGOTIATION = "negotiation"
    JCC = "jcc"
    BRANCH = "branch"
    MEMBERS_MEETING = "members_meeting"
    ACAS = "acas"


class Side(_Labelled):
    UNION = "union"
    EMPLOYER = "employer"
    INDEPENDENT = "independent"


class BallotKind(_Labelled):
    INDICATIVE = "indicative"
    STATUTORY = "statutory"


class KeyDateKind(_Labelled):
    STRIKE_DAY = "strike_day"
    ACTION_SHORT_OF_STRIKE = "action_short_of_strike"
    NOTICE_SERVED = "notice_served"
    CONSULTATION_DEADLINE = "consultation_deadline"
    TUPE_TRANSFER = "tupe_transfer"
    OTHER = "other"

    @property
    def is_industrial_action(self) -> bool:
        return self in (KeyDateKind.STRIKE_DAY, KeyDateKind.ACTION_SHORT_OF_STRIKE)


class AuditAction(_Labelled):
    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"
