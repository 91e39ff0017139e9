"""The activity log in words a colleague can follow (issue 13 review): it is what the others'
status line and the retrospective's "who changed what" say, so a rename names what was renamed
as well as its new name, on both engines."""

from __future__ import annotations

from desktop_app.model.document import Lifecycle, Owner, Stage
from desktop_app.store import Workspace


def test_renames_name_the_old_and_the_new(workspace_location):
    with Workspace.create(workspace_location) as ws:
        lid = ws.create_lifecycle(Lifecycle(
            "Churn model", owners=[Owner("ml", "ML team")],
            stages=[Stage("train", "Train", "develop", owner="ml")])).lifecycle_id
        ws.update_stage(lid, "train", name="Train <nightly> & co")
        ws.update_owner(lid, "ml", name="Modelling pod")
        ws.update_lifecycle(lid, name="Churn model v2")
        ws.update_owner(lid, "ml", kind="role")
        summaries = [e.summary for e in ws.activity(lid)][1:]
    assert summaries == [
        "Renamed stage “Train” to “Train <nightly> & co”",
        "Renamed owner “ML team” to “Modelling pod”",
        "Renamed the lifecycle “Churn model” to “Churn model v2”",
        "Changed owner “Modelling pod”",
    ]
