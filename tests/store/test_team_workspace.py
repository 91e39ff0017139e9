"""Two Workspace objects on one server database: two leads' windows on one plan.

Each reads the plan (its seen revision) and edits it. An edit of something the other changed or
deleted after that is refused, naming the thing and the other lead, and changes nothing; edits of
different things both land; after reading the plan again, the refused edit can be made.
"""

from __future__ import annotations

import pytest

from desktop_app.model.document import Edge, Item, Stage
from desktop_app.store import ConflictError, Workspace

from .conftest import small_lifecycle

TAIL = ("nothing was changed, and the window now shows the current plan: make your change again "
        "if it still applies")


@pytest.fixture
def two_leads(pg_url):
    alice = Workspace.create(pg_url)
    alice.author = "alice"
    lid = alice.create_lifecycle(small_lifecycle()).lifecycle_id
    bob = Workspace.open(pg_url)
    bob.author = "Bob (platform)"
    # each lead's window shows the plan: their edits are made against it
    alice.load(lid, seen=True)
    bob.load(lid, seen=True)
    yield alice, bob, lid
    bob.close()
    alice.close()


def test_moving_a_stage_another_lead_just_deleted_is_refused_by_name(two_leads):
    alice, bob, lid = two_leads
    alice.delete_stages(lid, ["watch"])
    before, plan = bob.revision(lid), alice.load(lid)
    with pytest.raises(ConflictError) as refused:
        bob.move_stages(lid, {"watch": (10.0, 10.0)})
    assert refused.value.reason == f"“Watch” was deleted by alice after you last saw it; {TAIL}"
    assert bob.revision(lid) == before and alice.load(lid) == plan
    with pytest.raises(ConflictError, match="“Watch” was deleted by alice"):
        bob.connect(lid, Edge("", "ship", "watch"))
    # the edge alice's delete took with it
    with pytest.raises(ConflictError, match="the edge “Ship → Watch” was deleted by alice"):
        bob.update_edge(lid, "e3", label="canary")


def test_edits_of_different_things_both_land(two_leads):
    alice, bob, lid = two_leads
    a = alice.move_stages(lid, {"data": (5.0, 5.0)})
    b = bob.update_stage(lid, "ship", name="Ship to 5%")
    c = alice.add_item(lid, 3, Item("p3-a", "Shadow deploy"))
    d = bob.connect(lid, Edge("", "watch", "data", kind="feedback"))
    e = bob.add_stages(lid, [Stage("gate", "Go / no-go", "gate")], [Edge("", "train", "gate")])
    assert [x.revision for x in (a, b, c, d, e)] == [1, 2, 3, 4, 5]
    plan = bob.load(lid)
    assert plan == alice.load(lid)
    assert (plan.stage("data").x, plan.stage("ship").name) == (5.0, "Ship to 5%")
    assert [i.id for p in plan.phases if p.number == 3 for i in p.items] == ["p3-a"]
    assert [(x.author, x.revision) for x in alice.activity(lid)][-5:] == [
        ("alice", 1), ("Bob (platform)", 2), ("alice", 3), ("Bob (platform)", 4), ("Bob (platform)", 5)]


def test_changing_what_another_lead_changed_is_refused_until_the_plan_is_read_again(two_leads):
    alice, bob, lid = two_leads
    bob.update_stage(lid, "train", name="Train <weekly> & \"tuned\"\nnow")
    with pytest.raises(ConflictError) as refused:
        alice.update_stage(lid, "train", notes="mine")
    # the name on one line, as the user reads it
    assert refused.value.reason == (f"“Train <weekly> & \"tuned\" now” was changed by Bob (platform) after "
                                    f"you last saw it; {TAIL}")
    alice.update_item(lid, "p1-a", status="doing")
    with pytest.raises(ConflictError, match="“Log predictions” was changed by alice"):
        bob.update_item(lid, "p1-a", title="Log every prediction")
    # after reading the plan again (the window shows the current state), the edit lands
    alice.load(lid, seen=True)
    assert alice.update_stage(lid, "train", notes="mine").revision == alice.revision(lid)
    bob.load(lid, seen=True)
    bob.update_item(lid, "p1-a", title="Log every prediction")
    assert alice.load(lid).stage("train").notes == "mine"


def test_undo_of_ones_own_edit_that_the_other_lead_changed_since_is_refused(two_leads):
    alice, bob, lid = two_leads
    mine = alice.move_stages(lid, {"ship": (500.0, 80.0)})
    bob.load(lid, seen=True)
    bob.move_stages(lid, {"ship": (900.0, 90.0)})
    alice.load(lid, seen=True)  # alice's window shows bob's move
    with alice.trial(), alice.based_on(lid, mine.revision), pytest.raises(ConflictError) as refused:
        alice.move_stages(lid, {"ship": (440.0, 0.0)})
    assert refused.value.reason == ("“Ship” was changed by Bob (platform) after your edit; undoing or "
                                    "redoing it would overwrite their change, so nothing was changed")
    assert alice.load(lid).stage("ship").x == 900.0


def test_a_write_that_changes_nothing_is_no_conflict(two_leads):
    alice, bob, lid = two_leads
    bob.update_item(lid, "p1-a", status="todo")          # what it was
    bob.move_stages(lid, {"ship": (440.0, 0.0)})          # onto its own place
    alice.update_item(lid, "p1-a", title="Log every prediction")
    alice.update_stage(lid, "ship", name="Ship it")
    assert bob.load(lid).stage("ship").name == "Ship it"


def test_the_author_is_the_database_user_unless_the_app_sets_one(pg_url):
    from tests.pg_server import OWNER_ROLE

    with Workspace.create(pg_url) as ws:
        lid = ws.create_lifecycle(small_lifecycle()).lifecycle_id
        assert ws.activity(lid)[-1].author == OWNER_ROLE
        ws.author = "Risk lead"
        assert ws.move_stages(lid, {"data": (1.0, 1.0)}).author == "Risk lead"


def test_a_lifecycle_the_other_lead_deleted_or_changed_is_named_in_the_refusal(two_leads):
    alice, bob, lid = two_leads
    alice.update_stage(lid, "data", notes="nightly")
    # deleting (or replacing) the whole lifecycle over the other's unseen change
    with pytest.raises(ConflictError) as refused:
        bob.delete_lifecycle(lid)
    assert refused.value.reason.startswith("the lifecycle “Churn model” was changed by alice after you last saw it")
    bob.load(lid, seen=True)
    bob.delete_lifecycle(lid)
    with pytest.raises(ConflictError) as refused:
        alice.move_stages(lid, {"data": (1.0, 1.0)})
    assert refused.value.reason == f"the lifecycle “Churn model” was deleted by Bob (platform) after you last saw it; {TAIL}"


def test_a_read_not_shown_to_the_user_hides_no_ones_change(two_leads):
    """Only a read the user is shown (``load(..., seen=True)``: the window drawing it) moves
    the revision edits are checked against; a plain read (a dock, a report, a copy, the store's
    own reads) does not, or bob's move of a stage over alice's unseen move would land."""
    alice, bob, lid = two_leads
    alice.move_stages(lid, {"ship": (900.0, 90.0)})
    assert bob.load(lid).stage("ship").x == 900.0   # read, not shown to bob
    bob.item_position(lid, "p1-a")
    with pytest.raises(ConflictError) as refused:
        bob.move_stages(lid, {"ship": (10.0, 10.0)})
    assert refused.value.reason == f"“Ship” was changed by alice after you last saw it; {TAIL}"
    assert alice.load(lid).stage("ship").x == 900.0
    bob.load(lid, seen=True)   # now bob's window shows alice's move
    bob.move_stages(lid, {"ship": (10.0, 10.0)})
    assert alice.load(lid).stage("ship").x == 10.0
