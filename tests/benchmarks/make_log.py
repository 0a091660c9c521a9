"""Build a large, realistic, deterministic log for benchmarks: `python tests/benchmarks/make_log.py OUT [--size N]`.

Rows go in through bulk inserts on one connection (the search-index triggers still run), not through the
services: the point is a big log in seconds, not a test of the services.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from stls_desk.db.log import open_log

WORDS = [
    "consultation",
    "caseload",
    "restructure",
    "specialist",
    "teaching",
    "service",
    "SEND",
    "support",
    "schools",
    "families",
    "outreach",
    "advisory",
    "capacity",
    "workload",
    "redeployment",
    "protection",
    "pay",
    "grade",
    "travel",
    "mileage",
    "allowance",
    "hub",
    "district",
    "assessment",
    "referral",
    "pupils",
    "autism",
    "sensory",
    "hearing",
    "vision",
    "physical",
    "disability",
    "inclusion",
    "mainstream",
    "transfer",
    "TUPE",
    "terms",
    "conditions",
    "pension",
    "continuity",
    "contract",
    "hours",
    "term-time",
    "flexible",
    "working",
    "wellbeing",
    "stress",
    "absence",
    "review",
    "appeal",
    "panel",
    "manager",
    "headteacher",
    "council",
    "officer",
    "proposal",
    "response",
    "timetable",
    "agreement",
    "clarification",
    "assurance",
    "commitment",
    "dialogue",
    "meeting",
    "minutes",
    "action",
    "ballot",
    "notice",
    "strike",
]
FIRST = [
    "Amira",
    "Bartłomiej",
    "Carys",
    "Dafydd",
    "Ewa",
    "Fiona",
    "Gareth",
    "Hannah",
    "Iwan",
    "Joanna",
    "Kwame",
    "Lowri",
    "Megan",
    "Niamh",
    "Owain",
    "Priya",
]
LAST = [
    "Ahmed",
    "Bennett",
    "Clarke",
    "Davies",
    "Evans",
    "Fraser",
    "Griffiths",
    "Hughes",
    "Jones",
    "Kowalska",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owen",
    "Price",
]
GRIEVANCE_STATUSES = ("open", "raised_with_employer", "in_negotiation", "resolved", "withdrawn")
STAGES = ("informal", "formal", "appeal", "collective_procedure")
PROPOSAL_STATUSES = (
    "tabled",
    "under_consideration",
    "accepted",
    "rejected",
    "withdrawn",
    "superseded",
    "agreed",
)
MEETING_KINDS = ("negotiation", "jcc", "branch", "members_meeting", "acas")


@dataclass(frozen=True)
class Size:
    grievances: int = 100_000
    proposals: int = 20_000
    revisions_each: int = 3
    meetings: int = 5_000
    actions: int = 50_000
    people: int = 2_000

    def scaled(self, grievances: int) -> Size:
        factor = grievances / self.grievances
        return Size(
            grievances,
            max(1, int(self.proposals * factor)),
            self.revisions_each,
            max(1, int(self.meetings * factor)),
            max(1, int(self.actions * factor)),
            max(2, int(self.people * factor)),
        )


class Text:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def title(self) -> str:
        return self.words(3, 7).capitalize()

    def prose(self, sentences: int) -> str:
        return " ".join(self.words(8, 20).capitalize() + "." for _ in range(sentences))


def build(path: Path, size: Size = Size(), seed: int = 2026) -> dict[str, int]:
    """Write the log at path (which must not exist) and return how many rows of each kind it holds."""
    open_log(path, create=True).close()
    rng = random.Random(seed)
    text = Text(rng)
    now = datetime(2026, 11, 1, 9, 0).isoformat(sep=" ")
    start = date(2019, 1, 1)

    def stamp() -> tuple[str, str, str]:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4)), now, now

    def day(span: int = 2500) -> str:
        return (start + timedelta(days=rng.randrange(span))).isoformat()

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")  # a generator may be fast; the app never is this careless
    conn.execute("PRAGMA foreign_keys = ON")
    with conn:
        conn.execute(
            "INSERT INTO dispute (id, uuid, created_at, updated_at, title, employer, branch, summary, status,"
            " opened_on, nation) VALUES (1, ?, ?, ?, 'Service-wide restructure', 'A County Council',"
            " 'County NEU', ?, 'active', '2019-01-01', 'england_wales')",
            (*stamp(), text.prose(4)),
        )
        conn.executemany(
            "INSERT INTO person (id, uuid, created_at, updated_at, dispute_id, name, role, workplace, contact, notes)"
            " VALUES (?, ?, ?, ?, 1, ?, ?, ?, '', '')",
            (
                (
                    i,
                    *stamp(),
                    f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    "member" if i % 10 else "rep",
                    f"{rng.choice(WORDS).capitalize()} hub",
                )
                for i in range(1, size.people + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO grievance (id, uuid, created_at, updated_at, dispute_id, number, title, detail, category,"
            " scope, staff_group, raised_on, stage, status, employer_response, response_due, resolved_on,"
            " confidential) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, NULL, NULL, ?)",
            (
                (
                    i,
                    *stamp(),
                    i,
                    text.title(),
                    text.prose(3),
                    rng.choice(WORDS),
                    "individual" if i % 3 else "collective",
                    day(),
                    rng.choice(STAGES),
                    rng.choice(GRIEVANCE_STATUSES),
                    text.prose(1) if i % 2 else "",
                    i % 50 == 0,
                )
                for i in range(1, size.grievances + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO grievance_raiser (grievance_id, person_id) VALUES (?, ?)",
            ((i, rng.randint(1, size.people)) for i in range(1, size.grievances + 1) if i % 3),
        )
        conn.executemany(
            "INSERT INTO proposal (id, uuid, created_at, updated_at, dispute_id, number, title, tabled_by,"
            " tabled_on, respond_by, status, text, employer_position, union_position, confidential)"
            " VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 0)",
            (
                (
                    i,
                    *stamp(),
                    i,
                    text.title(),
                    rng.choice(("employer", "employer", "union", "joint")),
                    day(),
                    rng.choice(PROPOSAL_STATUSES),
                    text.prose(4),
                    text.prose(2),
                    text.prose(2),
                )
                for i in range(1, size.proposals + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO proposal_revision (uuid, created_at, updated_at, proposal_id, number, revised_on, text,"
            " note) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
            (
                (*stamp(), p, n, day(), text.prose(4))
                for p in range(1, size.proposals + 1)
                for n in range(1, size.revisions_each + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO meeting (id, uuid, created_at, updated_at, dispute_id, title, held_at, kind, location,"
            " agenda, minutes, decisions, confidential) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 0)",
            (
                (
                    i,
                    *stamp(),
                    text.title(),
                    f"{day()} {rng.randint(9, 17):02d}:00:00.000000",
                    rng.choice(MEETING_KINDS),
                    "County Hall",
                    text.prose(2),
                    text.prose(12),
                    text.prose(2),
                )
                for i in range(1, size.meetings + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO action_item (uuid, created_at, updated_at, meeting_id, description, owner_id, due_on,"
            " done_on) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            (
                (
                    *stamp(),
                    rng.randint(1, size.meetings),
                    text.title(),
                    rng.randint(1, size.people),
                    day(2900),
                )
                for _ in range(size.actions)
            ),
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # No ANALYZE: the app never runs it, so a rep's log has no planner statistics, and the benchmark
    # measures the query plans a rep's log gets.
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("grievance", "proposal", "proposal_revision", "meeting", "action_item", "person")
    }
    conn.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the log (must not exist)")
    parser.add_argument(
        "--size", type=int, default=Size().grievances, help="number of grievances (others scale)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"make_log: error: {args.out} already exists", file=sys.stderr)
        return 2
    began = time.perf_counter()
    counts = build(args.out, Size().scaled(args.size), args.seed)
    took = time.perf_counter() - began
    print(f"{args.out}: {', '.join(f'{n:,} {t}' for t, n in counts.items())} in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
