"""The front of the pack: cover with contents, 'At a glance', and the timeline."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from stls_desk.export import charts
from stls_desk.export.events import Event, Strand, current_mandate, timeline, upcoming
from stls_desk.export.layout import Contents, PackContext
from stls_desk.export.pack import Audience, Section
from stls_desk.export.styles import (
    ACCENT,
    ACCENT_LIGHT,
    FILL,
    RULE,
    esc,
    fmt_date,
    fmt_month,
    fmt_span,
    restyle_table,
)

NEXT_DATES = 8
GLANCE_ROWS = 12  # a glance, not the whole log: the sections after it list everything
TILE_TEXT = 90
GRIEVANCES_PER_MONTH = 3  # more raised (or resolved…) in a month, and the timeline sums them up in one line
CATEGORIES_NAMED = 4


def cover(ctx: PackContext, sections: Sequence[Section]) -> list[Flowable]:
    d, o = ctx.data.dispute, ctx.options
    story: list[Flowable] = [
        ctx.markup(f"BRIEFING PACK · {esc(o.audience.label.upper())}", "Kicker"),
        ctx.p(d.title, "CoverTitle"),
    ]
    if d.employer:
        story.append(ctx.p(d.employer, "CoverSub"))
    story.append(Spacer(0, 10))
    facts: list[tuple[str, str]] = [
        ("Branch", d.branch or "—"),
        ("Employer", d.employer or "—"),
        ("Status", d.status.label),
        ("Opened", fmt_date(d.opened_on)),
        ("Pack for", "Union officers" if o.audience is Audience.OFFICERS else "Members"),
        ("Generated", fmt_date(o.generated_on)),
    ]
    if o.date_from or o.date_to:
        facts.append(
            (
                "Period covered",
                f"{fmt_date(o.date_from) if o.date_from else 'the start'} to "
                f"{fmt_date(o.date_to) if o.date_to else 'today'}",
            )
        )
    rows = [[ctx.p(label, "CellHead"), ctx.p(value, "Cell")] for label, value in facts]
    story.append(
        Table(
            rows,
            colWidths=[32 * mm, ctx.width - 32 * mm],
            hAlign="LEFT",
            splitInRow=1,
            style=restyle_table(
                [("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            ),
        )
    )
    story.append(Spacer(0, 12))
    if o.audience is Audience.OFFICERS:
        notice = (
            "<b>CONFIDENTIAL — for union officers only.</b> This pack names members and includes records "
            "marked confidential. Do not forward it, print it for others or leave it where others can read it."
        )
    else:
        notice = (
            "<b>For members.</b> No member is named in this pack: members appear as Member A, Member B and "
            "so on, the same letter for the same person throughout. Records marked confidential, contact "
            "details and attachments are left out."
        )
    story.append(
        Table(
            [[ctx.markup(notice, "Body")]],
            colWidths=[ctx.width],
            style=restyle_table(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            ),
        )
    )
    if d.summary.strip():
        story += [*ctx.sub("Summary", "H2"), ctx.p(d.summary)]
    story += [*ctx.sub("Contents", "H2"), Contents(sections, ctx.styles["Contents"]), PageBreak()]
    return story


def _short(text: str) -> str:
    return text if len(text) <= TILE_TEXT else text[: TILE_TEXT - 1].rstrip() + "…"


def _tile(ctx: PackContext, number: str, label: str, detail: str = "") -> list[Flowable]:
    cell: list[Flowable] = [
        ctx.p(number, "TileNumber" if len(number) <= 5 else "TileDate"),
        ctx.p(label, "TileLabel"),
    ]
    if detail:
        cell.append(ctx.p(detail, "Cell"))
    return cell


def at_a_glance(ctx: PackContext) -> list[Flowable]:
    data, today = ctx.data, ctx.options.today
    open_grievances = [g for g in data.grievances if g.status.is_open]
    awaiting = sorted(
        (p for p in data.proposals if p.status.awaiting_answer),
        key=lambda p: (p.respond_by is None, p.respond_by or today, p.reference),
    )
    next_dates = upcoming(data, today)
    mandate = current_mandate(data, today)

    nxt = next_dates[0] if next_dates else None
    if mandate and mandate.mandate_expires and mandate.mandate_expires >= today:
        mandate_tile = _tile(
            ctx,
            fmt_date(mandate.mandate_expires),
            "ballot mandate runs to",
            f"{(mandate.mandate_expires - today).days} days from today",
        )
    elif mandate:
        mandate_tile = _tile(ctx, "Expired", "ballot mandate", f"on {fmt_date(mandate.mandate_expires)}")
    else:
        mandate_tile = _tile(ctx, "None", "ballot mandate", "no ballot has given one")
    tiles = [
        _tile(ctx, str(len(open_grievances)), "open grievances", f"of {len(data.grievances)} raised"),
        _tile(
            ctx,
            str(len(awaiting)),
            "proposals awaiting an answer",
            f"{sum(1 for p in awaiting if p.respond_by and p.respond_by < today)} overdue",
        ),
        _tile(
            ctx,
            fmt_date(nxt.on) if nxt else "—",
            "next date",
            _short(f"{nxt.what}: {nxt.title}") if nxt else "",
        ),
        mandate_tile,
    ]
    gap = 6.0
    tile_w = (ctx.width - 3 * gap) / 4
    story: list[Flowable] = [*ctx.heading(Section.AT_A_GLANCE)]
    story.append(
        Table(
            [[tiles[0], "", tiles[1], "", tiles[2], "", tiles[3]]],
            colWidths=[tile_w, gap, tile_w, gap, tile_w, gap, tile_w],
            hAlign="LEFT",
            style=restyle_table(
                [
                    *(("BACKGROUND", (i, 0), (i, 0), FILL) for i in (0, 2, 4, 6)),
                    *(("LINEABOVE", (i, 0), (i, 0), 2, ACCENT) for i in (0, 2, 4, 6)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ]
            ),
        )
    )

    story.extend(ctx.sub("Proposals awaiting an answer", "H2"))
    if awaiting:
        rows = [
            [p.reference, p.title, p.tabled_by.label, _due(p.respond_by, today)]
            for p in awaiting[:GLANCE_ROWS]
        ]
        story.append(ctx.table(["Ref", "Proposal", "Tabled by", "Answer due"], rows, [16, 90, 22, 34]))
        if len(awaiting) > GLANCE_ROWS:
            story.append(ctx.note(f"…and {len(awaiting) - GLANCE_ROWS} more under Proposals and positions."))
    else:
        story.append(ctx.note("None: every proposal on the log has had an answer."))

    story.extend(ctx.sub("Next dates", "H2"))
    if next_dates:
        rows = [[fmt_span(e.on, e.until), e.what, e.title] for e in next_dates[:NEXT_DATES]]
        story.append(ctx.table(["When", "What", "Details"], rows, [34, 38, 90]))
        if len(next_dates) > NEXT_DATES:
            story.append(ctx.note(f"…and {len(next_dates) - NEXT_DATES} more under Ballots and dates."))
    else:
        story.append(ctx.note("Nothing dated from today on."))

    story.extend(ctx.sub("Ballot mandate", "H2"))
    if mandate is None:
        story.append(ctx.note("No ballot on the log has given a mandate for industrial action."))
    else:
        state = "runs to" if mandate.mandate_expires and mandate.mandate_expires >= today else "expired on"
        story.append(
            ctx.markup(
                f"{esc(mandate.kind.label)} ballot, closed {fmt_date(mandate.closes_on)}: the mandate "
                f"<b>{state} {fmt_date(mandate.mandate_expires)}</b>"
                + (f" under {esc(mandate.rule_set)}" if mandate.rule_set else "")
                + "."
            )
        )
        if mandate.assessment:
            story.append(ctx.p(mandate.assessment))

    overdue = [
        (a.due_on, a.description, a.owner, m.title)
        for m in ctx.data.meetings
        for a in m.actions
        if a.is_open and a.due_on and a.due_on < today
    ]
    if overdue:
        story.extend(ctx.sub("Overdue actions", "H2"))
        overdue.sort(key=lambda row: row[0])
        rows = [
            [fmt_date(due), desc, owner or "—", meeting]
            for due, desc, owner, meeting in overdue[:GLANCE_ROWS]
        ]
        story.append(ctx.table(["Was due", "Action", "Owner", "From meeting"], rows, [24, 80, 30, 40]))
        if len(overdue) > GLANCE_ROWS:
            story.append(ctx.note(f"…and {len(overdue) - GLANCE_ROWS} more under Meetings."))
    story.append(PageBreak())
    return story


def _due(day: date | None, today: date) -> str:
    if day is None:
        return "—"
    days = (day - today).days
    when = "today" if days == 0 else (f"in {days} days" if days > 0 else f"{-days} days overdue")
    return f"{fmt_date(day)} ({when})"


def timeline_section(ctx: PackContext) -> list[Flowable]:
    events = timeline(ctx.data)
    story: list[Flowable] = [*ctx.heading(Section.TIMELINE)]
    if not events:
        return [*story, ctx.note("Nothing dated on the log yet."), PageBreak()]
    story.append(KeepTogether([charts.timeline_strip(events, ctx.options.today, ctx.width), Spacer(0, 8)]))
    story.append(ctx.table(["Date", "Event", "Details"], timeline_rows(events), [30, 40, 100]))
    story.append(PageBreak())
    return story


def timeline_rows(events: Sequence[Event]) -> list[list[str]]:
    """The timeline as table rows: one per event, except that a month with more than
    GRIEVANCES_PER_MONTH grievances raised (or resolved, or withdrawn) gets one line saying how many and
    about what. The story of the dispute stays readable; each grievance is listed under Grievances."""
    months: dict[tuple[int, int, str], list[Event]] = defaultdict(list)
    for e in events:
        if e.strand is Strand.GRIEVANCE:
            months[(e.on.year, e.on.month, e.what)].append(e)
    rows: list[list[str]] = []
    for e in events:
        key = (e.on.year, e.on.month, e.what)
        if e.strand is not Strand.GRIEVANCE or len(months[key]) <= GRIEVANCES_PER_MONTH:
            rows.append([fmt_span(e.on, e.until), e.what, e.title])
        elif e is months[key][0]:  # the month's line goes where its first grievance would have been
            many = months[key]
            what = f"{len(many)} {e.what.lower().replace('grievance', 'grievances', 1)}"
            rows.append([fmt_month(e.on), what, _categories(many)])
    return rows


def _categories(events: Sequence[Event]) -> str:
    """'Workload (6), Pay (4), Travel (2) and 3 others': what a month's grievances were about."""
    counts = Counter(" ".join(e.about.split()) or "No category" for e in events)
    named = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))[:CATEGORIES_NAMED]
    text = ", ".join(f"{category} ({n})" for category, n in named)
    others = len(events) - sum(n for _, n in named)
    return text + (f" and {others} other{'s' if others > 1 else ''}" if others else "")
