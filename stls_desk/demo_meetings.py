"""The demo log's meetings: who came, the minutes a rep would write, decisions and action items.

Plain data; `demo.py` feeds it through the services. Members are named in some minutes on purpose: the
members' pack and meeting mode must redact names in free text, and the demo shows that working.
"""

from __future__ import annotations

from datetime import date, datetime

from stls_desk.demo_content import ActionSpec, MeetingSpec
from stls_desk.domain.enums import MeetingKind, Side

U, E, ACAS = Side.UNION, Side.EMPLOYER, Side.INDEPENDENT
_COUNCIL_ROOM = "Sessions House, Maidstone (committee room 2)"
_TALKS_TEAM = (
    ("gareth", U),
    ("helen", U),
    ("sian", U),
    ("joanne", U),
    ("caroline", E),
    ("stuart", E),
    ("julia", E),
)

MEETINGS: tuple[MeetingSpec, ...] = (
    MeetingSpec(
        "jcc",
        "Joint consultative committee: the STLS transfer and new service model",
        datetime(2024, 6, 24, 14, 0),
        MeetingKind.JCC,
        _COUNCIL_ROOM,
        attendees=_TALKS_TEAM,
        agenda="1. The TUPE transfer on 1 September 2024: measures letter\n2. The new STLS service model\n"
        "3. The union's collective grievances of 10 June\n4. Any other business",
        minutes=(
            "Caroline Fenwick introduced the council's plans: STLS staff transfer to the council on 1 September "
            "2024 and the service moves to a model built on advice, training and capacity-building in mainstream "
            "schools. She said this was part of the council's response to the Improvement Notice.\n\n"
            "Gareth Pritchard set out the four collective grievances the branch raised on 10 June: consultation, "
            "job roles, capacity to support children with SEND, and the terms of the transfer. He said staff had "
            "been shown a finished model, not options, and that the measures letter had not arrived.\n\n"
            "Stuart Bellamy said the measures letter would follow within two weeks and that the council "
            "envisaged no measures affecting contractual terms. Siân Llywelyn asked how caseloads would be set "
            "under the new model; Julia Okoro said a workload model was being drafted.\n\n"
            "The council said it had consulted extensively with staff, schools and families. The union did not "
            "accept this."
        ),
        decisions="The council will answer the collective grievances in writing by 8 July (the TUPE grievance by 22 July).",
        actions=(
            ActionSpec(
                "Send the TUPE measures letter and employee liability information to the union",
                "stuart",
                date(2024, 7, 8),
                date(2024, 7, 5),
            ),
            ActionSpec(
                "Collect members' questions on the new service model in each district",
                "sian",
                date(2024, 7, 15),
                date(2024, 7, 12),
            ),
        ),
    ),
    MeetingSpec(
        "branch",
        "Branch officers: next steps after the transfer",
        datetime(2024, 9, 19, 18, 0),
        MeetingKind.BRANCH,
        "Kent NEU branch office, Maidstone",
        attendees=(("gareth", U), ("helen", U), ("sian", U), ("joanne", U)),
        agenda="1. Reports from the districts after the transfer\n2. Individual cases\n3. An indicative ballot",
        minutes=(
            "Siân Llywelyn reported from the districts. Staff transferred on 1 September with no written answer "
            "to the job roles grievance, and the new district patches started the same week.\n\n"
            "Individual cases: Rhian Morgan's hours were wrongly recorded in the transfer information and her "
            "September pay was short; Joanne is supporting her and HR has promised a correction. Dafydd Owen has "
            "raised a formal grievance about his lease car.\n\n"
            "Helen Marsh advised that the council's answers of 8 and 22 July do not resolve the collective "
            "grievances and that an indicative ballot would show the council how strongly members feel."
        ),
        decisions="Ask the regional office to authorise an online indicative ballot of all STLS members in October.",
        actions=(
            ActionSpec(
                "Ask the regional office to authorise an indicative ballot",
                "helen",
                date(2024, 9, 27),
                date(2024, 9, 26),
            ),
            ActionSpec(
                "Hold a workplace meeting in each district before the ballot opens",
                "sian",
                date(2024, 10, 4),
                date(2024, 10, 3),
            ),
        ),
    ),
    MeetingSpec(
        "talks1",
        "Negotiation meeting: the council tables its proposals",
        datetime(2024, 11, 6, 10, 0),
        MeetingKind.NEGOTIATION,
        _COUNCIL_ROOM,
        attendees=_TALKS_TEAM,
        agenda="1. Indicative ballot result\n2. Council proposals\n3. Caseloads",
        minutes=(
            "Gareth Pritchard reported the indicative ballot: 139 of 208 members voted (67%), 121 of them (87%) "
            "prepared to strike. He said members would move to a statutory ballot unless the council engaged "
            "meaningfully.\n\n"
            "Caroline Fenwick tabled two proposals: further dialogue through an STLS implementation group "
            "(P-001) and clarification of working arrangements and job roles (P-002). She said a third, on "
            "assurances to staff, would follow by letter. The council acknowledged some of the concerns raised "
            "but maintained that consultation had been extensive.\n\n"
            "Siân Llywelyn asked for caseload figures for each district, to test whether the new model leaves "
            "room for direct work with children. Julia Okoro agreed to provide them."
        ),
        decisions="The union will consult members on P-001 and P-002 and reply by 27 November.",
        actions=(
            ActionSpec("Publish the draft role profiles", "julia", date(2024, 11, 30), date(2024, 12, 4)),
            ActionSpec(
                "Provide caseload figures for each district", "julia", date(2024, 11, 20), date(2025, 1, 14)
            ),
            ActionSpec(
                "Consult members on P-001 and P-002 and reply to the council",
                "gareth",
                date(2024, 11, 27),
                date(2024, 11, 26),
            ),
        ),
    ),
    MeetingSpec(
        "talks2",
        "Negotiation meeting: revised proposals",
        datetime(2025, 1, 15, 10, 0),
        MeetingKind.NEGOTIATION,
        _COUNCIL_ROOM,
        attendees=_TALKS_TEAM,
        agenda="1. The statutory ballot\n2. Revised proposals P-001 to P-003\n3. Individual grievances",
        minutes=(
            "Helen Marsh confirmed the statutory ballot closes on Friday 17 January.\n\n"
            "The council revised all three proposals. The implementation group would run for twelve months with "
            "terms of reference agreed with the NEU; the Specialist Teacher title stays; travel between settings "
            "counts as working time; no compulsory redundancies before 31 August 2026 and three years' pay "
            "protection.\n\n"
            "Gareth Pritchard welcomed the movement but said caseloads were still the heart of the dispute: the "
            "figures supplied the day before covered only two districts. Julia Okoro said the rest would follow.\n\n"
            "On individual grievances, the council agreed that travel time would be confirmed in writing to "
            "Bartłomiej Wójcik, and that Agnieszka Nowak's concern about the title was answered by the revision."
        ),
        decisions="The union will put the revised proposals to members alongside the ballot result.",
        actions=(
            ActionSpec(
                "Confirm in writing that travel between settings counts as working time",
                "stuart",
                date(2025, 1, 24),
                date(2025, 1, 23),
            ),
        ),
    ),
    MeetingSpec(
        "members1",
        "Members' meeting: ballot result and strike date",
        datetime(2025, 1, 22, 18, 30),
        MeetingKind.MEMBERS_MEETING,
        "Online (video call) and Ashford Learning Centre",
        attendees=(
            ("gareth", U),
            ("helen", U),
            ("sian", U),
            ("joanne", U),
            ("bartek", U),
            ("agnieszka", U),
            ("rhian", U),
            ("dafydd", U),
            ("priya", U),
            ("tom", U),
        ),
        agenda="1. Statutory ballot result\n2. The council's revised proposals\n3. Strike date",
        minutes=(
            "Helen Marsh reported the result: 131 of 212 members voted (62%, above the 50% turnout threshold); "
            "112 voted yes (53% of those entitled to vote, above the 40% needed in education). The mandate runs "
            "to 16 July 2025.\n\n"
            "Bartłomiej Wójcik described losing two hours a week to travel across Swale before the council's "
            "written confirmation; he said the change showed what the ballot could win. Agnieszka Nowak asked "
            "whether deaf children would keep their direct teaching under the new model; no one could say. "
            "Rhian Morgan said report writing now happens at weekends and asked for it to be part of the "
            "dispute. Tom Ashby asked about pay on a strike day; Helen explained deductions and the hardship "
            "fund.\n\n"
            "Members agreed the revised proposals were progress but did not answer the caseload question."
        ),
        decisions="Members voted to strike on 25 February 2025 and to keep talking. Notice to be served by 7 February.",
        actions=(
            ActionSpec(
                "Serve notice of strike action on the council", "gareth", date(2025, 2, 7), date(2025, 2, 7)
            ),
            ActionSpec(
                "Arrange picket lines at the four district hubs and a rota",
                "sian",
                date(2025, 2, 18),
                date(2025, 2, 17),
            ),
            ActionSpec(
                "Send members a briefing on strike pay and the hardship fund",
                "helen",
                date(2025, 1, 31),
                date(2025, 1, 30),
            ),
        ),
    ),
    MeetingSpec(
        "acas",
        "Acas-assisted talks",
        datetime(2025, 2, 12, 10, 0),
        MeetingKind.ACAS,
        "Acas conciliation rooms, Maidstone",
        attendees=(("gareth", U), ("helen", U), ("sian", U), ("caroline", E), ("stuart", E), ("neil", ACAS)),
        confidential=True,
        agenda="Conciliation on the union's settlement framework (P-004) and the council's proposals",
        minutes=(
            "Talks were held in separate rooms with Neil Ramsay of Acas moving between the parties; the parties "
            "agreed that what was said would stay confidential.\n\n"
            "The council would not pause the new model, saying it answers the Improvement Notice, and rejected "
            "the union's framework (P-004). It offered a third revision of each proposal: a jointly chaired "
            "implementation group, an independent review of caseloads after six months, ring-fenced posts with "
            "a right of appeal, half a day a fortnight for reports and a caseload ceiling.\n\n"
            "The union said it would put the revisions to members but that the strike on 25 February stands "
            "until members decide otherwise. Both sides said they are willing to keep talking."
        ),
        decisions="The council will send the revised proposals in writing; the union will put them to members on 19 February.",
        actions=(
            ActionSpec(
                "Send revision 3 of P-001 to P-003 in writing",
                "caroline",
                date(2025, 2, 13),
                date(2025, 2, 13),
            ),
            ActionSpec(
                "Put the revised proposals to members", "gareth", date(2025, 2, 19), date(2025, 2, 19)
            ),
        ),
    ),
    MeetingSpec(
        "members2",
        "Members' meeting: the revised proposals and the strike",
        datetime(2025, 2, 19, 18, 30),
        MeetingKind.MEMBERS_MEETING,
        "Online (video call)",
        attendees=(
            ("gareth", U),
            ("sian", U),
            ("joanne", U),
            ("bartek", U),
            ("rhian", U),
            ("priya", U),
            ("malgorzata", U),
            ("tom", U),
        ),
        agenda="1. Revision 3 of the council's proposals\n2. The strike on 25 February",
        minutes=(
            "Gareth Pritchard went through the council's third revisions. Priya Raman said half a day a "
            "fortnight would not cover the reports early years practitioners write. Małgorzata Zielińska said "
            "a caseload ceiling set by the council's own workload model was no safeguard without the figures.\n\n"
            "Members agreed the proposals were closer but not yet acceptable."
        ),
        decisions="Reject revision 3 as it stands; the strike on 25 February goes ahead. Ask for talks after the strike.",
        actions=(
            ActionSpec(
                "Write to the council with members' decision and ask for talks after the strike",
                "gareth",
                date(2025, 2, 21),
                date(2025, 2, 20),
            ),
        ),
    ),
    MeetingSpec(
        "talks3",
        "Negotiation meeting after the strike day",
        datetime(2025, 3, 5, 10, 0),
        MeetingKind.NEGOTIATION,
        _COUNCIL_ROOM,
        attendees=_TALKS_TEAM,
        agenda="1. The strike day\n2. Caseload figures\n3. Terms of reference for the implementation group",
        minutes=(
            "Both sides noted the strike on 25 February. Caroline Fenwick said the council had kept support for "
            "children with SEND going on the day and wants an agreement that safeguards staff wellbeing while "
            "the reforms go ahead.\n\n"
            "Siân Llywelyn said members' position is unchanged: without caseload figures for every district "
            "they cannot judge the council's ceiling. Julia Okoro agreed to share the spring term figures.\n\n"
            "The parties agreed to draft terms of reference for the implementation group together."
        ),
        decisions="Talks continue; the next meeting will be arranged once the caseload figures are shared.",
        actions=(
            ActionSpec(
                "Circulate an agreed note of this meeting", "stuart", date(2025, 3, 7), date(2025, 3, 7)
            ),
            ActionSpec(
                "Send the union's written response to revision 3 of P-001 to P-003",
                "gareth",
                date(2025, 3, 14),
            ),
            ActionSpec("Share spring term caseload figures for every district", "julia", date(2025, 3, 19)),
            ActionSpec(
                "Draft terms of reference for the implementation group", "caroline", date(2025, 3, 31)
            ),
            ActionSpec("Book rooms for the implementation group's first meeting", "joanne", None),
        ),
    ),
)
