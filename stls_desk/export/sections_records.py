"""The body of the pack: grievances, proposals and positions, meetings, ballots and dates."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from stls_desk.domain.enums import Side
from stls_desk.export import charts
from stls_desk.export.events import Strand, upcoming
from stls_desk.export.layout import PackContext, ProgressMark
from stls_desk.export.pack import Attachment, Audience, Ballot, Meeting, Proposal, Section
from stls_desk.export.styles import (
    ACCENT_LIGHT,
    ADDED,
    FILL,
    REMOVED,
    RULE,
    esc,
    fmt_date,
    fmt_int,
    fmt_pct,
    fmt_size,
    fmt_span,
    hex_colour,
    restyle_table,
    table_style,
)
from stls_desk.export.textdiff import counts, diff_markup, word_diff

CONFIDENTIAL_TAG = "CONFIDENTIAL"
KEEP_ROOM = 60 * mm  # start a proposal or meeting on a new page rather than leave its title stranded


def _tag(ctx: PackContext, confidential: bool) -> str:
    """Officers see which records are confidential (members never get them at all)."""
    if confidential and ctx.options.audience is Audience.OFFICERS:
        return f' <font color="{hex_colour(REMOVED)}"><b>[{CONFIDENTIAL_TAG}]</b></font>'
    return ""


def _attachments(ctx: PackContext, attachments: tuple[Attachment, ...], owner: str = "") -> list[Flowable]:
    """Officers see what is attached (never the files); members see nothing of attachments."""
    if not attachments or ctx.options.audience is not Audience.OFFICERS:
        return []
    names = ", ".join(f"{esc(a.name)} ({fmt_size(a.size)})" for a in attachments)
    lead = f"{esc(owner)}: attachments" if owner else "Attachments"
    return [ctx.markup(f"<b>{lead} kept in the log:</b> {names}", "Small")]


def grievances_section(ctx: PackContext) -> list[Flowable]:
    grievances = sorted(ctx.data.grievances, key=lambda g: g.reference)
    story: list[Flowable] = [*ctx.heading(Section.GRIEVANCES)]
    if not grievances:
        return [*story, ctx.note("No grievances on the log for this pack."), PageBreak()]
    story += [
        KeepTogether(
            [Paragraph("By status", ctx.styles["H2"]), charts.grievance_status_bars(grievances, ctx.width)]
        ),
        Spacer(0, 6),
        *ctx.sub("All grievances", "H2"),
    ]
    rows: list[list[str | Flowable]] = []
    for g in grievances:
        tag = _tag(ctx, g.confidential)
        title: str | Flowable = ctx.markup(esc(g.title) + tag, "Cell") if tag else g.title
        rows.append(
            [
                g.reference,
                title,
                g.stage.label,
                g.status.label,
                fmt_date(g.raised_on),
                fmt_date(g.response_due),
            ]
        )
    story.append(
        ctx.table(
            ["Ref", "Title", "Stage", "Status", "Raised", "Response due"], rows, [15, 62, 24, 26, 21, 22]
        )
    )
    story.append(Spacer(0, 4))
    for g in grievances:
        story += _attachments(ctx, g.attachments, g.reference)
    story.append(PageBreak())
    return story


def _positions(ctx: PackContext, p: Proposal) -> Table:
    """The employer's position and the union's, side by side in one row."""
    half = ctx.width / 2
    cells = [
        [ctx.p("Employer's position", "CellHead"), ctx.p("Union's position", "CellHead")],
        [ctx.p(p.employer_position or "—", "Position"), ctx.p(p.union_position or "—", "Position")],
    ]
    style = table_style(zebra=False)
    style.add("LINEAFTER", (0, 0), (0, -1), 0.4, RULE)
    style.add("BOTTOMPADDING", (0, 1), (-1, -1), 6)
    return Table(cells, colWidths=[half, half], repeatRows=1, splitInRow=1, style=style, hAlign="LEFT")


def _changes(ctx: PackContext, p: Proposal) -> list[Flowable]:
    before, latest = p.latest_revisions
    if latest is None:
        return [*ctx.sub("Text", "H3"), ctx.p(p.text)] if p.text.strip() else []
    if before is None:
        head = f"Text: revision {latest.number} of {fmt_date(latest.revised_on)}"
        caption = "The only revision on the log, so nothing to compare."
        body: Flowable = ctx.p(latest.text or "—")
    else:
        segments = word_diff(before.text, latest.text)
        added, removed = counts(segments)
        head = f"What revision {latest.number} changed"
        caption = (
            f"Revision {latest.number} of {fmt_date(latest.revised_on)} against revision {before.number} of "
            f"{fmt_date(before.revised_on)}: {added} words added, {removed} removed. "
        )
        caption = esc(caption) + (
            f'<u><font color="{hex_colour(ADDED)}">Added words are underlined</font></u>, '
            f'<strike><font color="{hex_colour(REMOVED)}">removed words struck through</font></strike>.'
        )
        body = ctx.markup(diff_markup(segments) or "—")
    box = Table(
        [[body]],
        colWidths=[ctx.width],
        style=restyle_table(
            [
                ("BACKGROUND", (0, 0), (-1, -1), FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
        splitInRow=1,
        hAlign="LEFT",
    )
    story: list[Flowable] = [*ctx.sub(esc(head), "H3"), ctx.markup(caption, "Small"), Spacer(0, 2), box]
    if latest.note:
        story.append(ctx.p(f"Note on this revision: {latest.note}", "Small"))
    return story


def _proposal(ctx: PackContext, p: Proposal, today: date) -> list[Flowable]:
    due = fmt_date(p.respond_by)
    if p.respond_by and p.status.awaiting_answer and p.respond_by < today:
        due += f' <font color="{hex_colour(REMOVED)}">(overdue)</font>'
    meta = [
        f"Tabled by {esc(p.tabled_by.label.lower())} on {fmt_date(p.tabled_on)}",
        f"Status: <b>{esc(p.status.label)}</b>",
        f"Answer due: {due}",
    ]
    if p.addresses:
        meta.append("Addresses " + esc(", ".join(p.addresses)))
    head = [
        Paragraph(f"{esc(p.reference)}  {esc(p.title)}{_tag(ctx, p.confidential)}", ctx.styles["H2"]),
        ctx.markup(" · ".join(meta), "Small"),
        Spacer(0, 4),
    ]
    # No KeepTogether: positions longer than a page would leave the title alone on a page of its own.
    return [
        ProgressMark(ctx.ticker),
        CondPageBreak(KEEP_ROOM),
        *head,
        _positions(ctx, p),
        *_changes(ctx, p),
        *_attachments(ctx, p.attachments),
        Spacer(0, 8),
    ]


def proposals_section(ctx: PackContext) -> list[Flowable]:
    story: list[Flowable] = [*ctx.heading(Section.PROPOSALS)]
    proposals = sorted(ctx.data.proposals, key=lambda p: p.reference)
    if not proposals:
        return [*story, ctx.note("No proposals on the log for this pack."), PageBreak()]
    for p in proposals:
        story += _proposal(ctx, p, ctx.options.today)
    story.append(PageBreak())
    return story


def _meeting(ctx: PackContext, m: Meeting) -> list[Flowable]:
    title = f"{fmt_date(m.held_at, weekday=True)} — {esc(m.title)}{_tag(ctx, m.confidential)}"
    story: list[Flowable] = [
        ProgressMark(ctx.ticker),
        CondPageBreak(KEEP_ROOM),
        Paragraph(title, ctx.styles["H2"]),
    ]
    facts = [f"<b>{esc(m.kind.label)}</b>, {m.held_at:%H:%M}"]
    if m.location:
        facts.append(f"<b>Where:</b> {esc(m.location)}")
    for side in sorted({a.side for a in m.attendees}, key=lambda s: list(Side).index(s)):
        names = ", ".join(a.name for a in m.attendees if a.side is side)
        facts.append(f"<b>{esc(side.label)}:</b> {esc(names)}")
    story.append(ctx.markup(" · ".join(facts), "Small"))
    decisions = [line.strip(" -•\t") for line in m.decisions.splitlines() if line.strip(" -•\t")]
    if decisions:
        story += [*ctx.sub("Decisions", "H3"), *ctx.bullets(decisions)]
    if m.minutes.strip():
        story += [*ctx.sub("Minutes", "H3"), ctx.p(m.minutes)]
    open_actions = sorted(
        (a for a in m.actions if a.is_open), key=lambda a: (a.due_on is None, a.due_on or date.min)
    )
    if open_actions:
        story.extend(ctx.sub("Open actions", "H3"))
        rows = [[a.description, a.owner or "—", fmt_date(a.due_on)] for a in open_actions]
        story.append(ctx.table(["Action", "Owner", "Due"], rows, [100, 38, 26], tick=False))
    story += [*_attachments(ctx, m.attachments), Spacer(0, 8)]
    return story


def meetings_section(ctx: PackContext) -> list[Flowable]:
    story: list[Flowable] = [*ctx.heading(Section.MEETINGS)]
    meetings = sorted(ctx.data.meetings, key=lambda m: m.held_at)
    if not meetings:
        return [*story, ctx.note("No meetings on the log for this pack."), PageBreak()]
    for m in meetings:
        story += _meeting(ctx, m)
    story.append(PageBreak())
    return story


def _met(value: float | None, threshold: float | None) -> str:
    if threshold is None:
        return "no threshold"
    if value is None:
        return f"{threshold * 100:.0f}% needed"
    return f"{threshold * 100:.0f}% needed: " + ("✓ met" if value >= threshold else "✗ not met")


def _ballot(ctx: PackContext, b: Ballot) -> list[Flowable]:
    story: list[Flowable] = [
        ProgressMark(ctx.ticker),
        *ctx.sub(f"{esc(b.kind.label)} ballot · {fmt_span(b.opens_on, b.closes_on)}", "H2", KEEP_ROOM),
        ctx.p(b.question),
    ]
    figures = [
        ["Eligible", "Votes cast", "Yes", "No", "Spoilt", "Turnout", "Support"],
        [
            fmt_int(b.eligible),
            fmt_int(b.votes_cast),
            fmt_int(b.yes_votes),
            fmt_int(b.no_votes),
            fmt_int(b.spoilt),
            fmt_pct(b.turnout),
            fmt_pct(b.support),
        ],
    ]
    story.append(ctx.table(figures[0], [figures[1]], [1] * 7, tick=False))
    lines = [
        f"<b>Turnout:</b> {_met(b.turnout, b.turnout_threshold)}",
        f"<b>Support:</b> {_met(b.support, b.support_threshold)}",
    ]
    if b.yes_of_eligible_threshold is not None:
        lines.append(
            f"<b>Yes of all eligible:</b> {fmt_pct(b.yes_of_eligible)}, "
            f"{_met(b.yes_of_eligible, b.yes_of_eligible_threshold)}"
        )
    if b.notice_given_on:
        lines.append(f"<b>Notice of ballot given:</b> {fmt_date(b.notice_given_on)}")
    if b.mandate_expires:
        lines.append(f"<b>Mandate expires:</b> {fmt_date(b.mandate_expires)}")
    if b.rule_set:
        lines.append(f"<b>Rules:</b> {esc(b.rule_set)}")
    story.append(Spacer(0, 4))
    story += [ctx.markup(" · ".join(lines), "Small"), Spacer(0, 4)]
    if b.assessment:
        story.append(ctx.p(b.assessment))
    story += [Spacer(0, 2), charts.ballot_bars(b, ctx.width), Spacer(0, 6)]
    return story


def ballots_section(ctx: PackContext) -> list[Flowable]:
    story: list[Flowable] = [*ctx.heading(Section.BALLOTS)]
    ballots = sorted(ctx.data.ballots, key=lambda b: b.opens_on)
    if not ballots:
        story.append(ctx.note("No ballots on the log for this pack."))
    for b in ballots:
        story += _ballot(ctx, b)
    story.extend(ctx.sub("Upcoming strike days and deadlines", "H2"))
    events = upcoming(ctx.data, ctx.options.today)
    if events:
        rows = [[fmt_span(e.on, e.until), e.what, e.title, e.note] for e in events]
        highlight = [
            ("BACKGROUND", (0, i + 1), (-1, i + 1), ACCENT_LIGHT)
            for i, e in enumerate(events)
            if e.strand is Strand.ACTION
        ]
        story.append(
            ctx.table(["When", "What", "Details", "Note"], rows, [34, 34, 60, 44], extra_style=highlight)
        )
    else:
        story.append(ctx.note("Nothing dated from today on."))
    return story
