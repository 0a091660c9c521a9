"""The window's one door for changes: each change reported, undoable, redoable, refusals passed back."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from stls_desk.db.log import Log
from stls_desk.services import grievances
from stls_desk.ui.operations import Operations


def titles(log: Log, dispute_id: int) -> list[str]:
    return [g.title for g in grievances.list_grievances(log, grievances.GrievanceQuery(dispute_id))]


def test_create_change_delete_undo_and_redo(qtbot: QtBot, log: Log, dispute_id: int) -> None:
    ops = Operations(log)
    with qtbot.waitSignal(ops.changed) as reported:
        created = ops.create("grievance", grievances.create_grievance, dispute_id, "Lone working")
    assert created is not None and reported.args[0] == created
    ops.change("grievance", created.id, grievances.change_grievance, title="Lone working at hubs")
    ops.delete("grievance", created.id)
    assert titles(log, dispute_id) == []

    ops.stack.undo()
    assert titles(log, dispute_id) == ["Lone working at hubs"]
    ops.stack.undo()
    assert titles(log, dispute_id) == ["Lone working"]
    ops.stack.undo()
    assert titles(log, dispute_id) == []
    ops.stack.redo()
    ops.stack.redo()
    assert titles(log, dispute_id) == ["Lone working at hubs"]
    assert ops.stack.undoText() == "Change grievance"


def test_a_refusal_names_the_field_and_adds_no_step(qtbot: QtBot, log: Log, dispute_id: int) -> None:
    ops = Operations(log)
    g = ops.create("grievance", grievances.create_grievance, dispute_id, "Roles", raised_on=date(2025, 3, 1))
    assert g is not None
    with qtbot.waitSignal(ops.failed) as refused:
        assert (
            ops.change("grievance", g.id, grievances.change_grievance, resolved_on=date(2025, 1, 1)) is None
        )
    assert refused.args[0] == "resolved_on"
    assert "before it was raised" in refused.args[1]
    assert ops.stack.count() == 1


def test_saving_the_same_value_adds_no_step(log: Log, dispute_id: int) -> None:
    ops = Operations(log)
    g = ops.create("grievance", grievances.create_grievance, dispute_id, "Roles")
    assert g is not None
    ops.change("grievance", g.id, grievances.change_grievance, title="Roles")
    assert ops.stack.count() == 1


def test_undoing_a_revision_puts_the_proposals_text_back(log: Log, dispute_id: int) -> None:
    from stls_desk.services import proposals

    ops = Operations(log)
    p = proposals.create_proposal(log, dispute_id, "Roles", text="First text", tabled_on=date(2025, 1, 6)).id
    ops.create(
        "proposal_revision",
        proposals.add_revision,
        p,
        date(2025, 2, 3),
        "Second text",
        "",
        also_changes=("proposal", p),
    )
    assert proposals.get_proposal(log, p).text == "Second text"
    ops.stack.undo()
    detail = proposals.get_proposal(log, p)
    assert (detail.text, detail.revisions) == ("First text", ())
    ops.stack.redo()
    detail = proposals.get_proposal(log, p)
    assert (detail.text, [r.text for r in detail.revisions]) == ("Second text", ["Second text"])
