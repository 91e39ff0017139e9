from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.model.document import Edge, Item, Lifecycle, Owner, Phase, Stage
from desktop_app.store import Workspace


def small_lifecycle(name: str = "Churn model") -> Lifecycle:
    return Lifecycle(
        name=name,
        paradigm="hybrid",
        owners=[Owner("pod", "Model pod"), Owner("ops", "Operations", "team")],
        stages=[
            Stage("data", "Data refresh", "data", owner="pod", x=0, y=0),
            Stage("train", "Train", "develop", owner="pod", x=220, y=0),
            Stage("ship", "Ship", "deploy", owner="ops", x=440, y=0),
            Stage("watch", "Watch", "monitor", owner="ops", x=660, y=0),
        ],
        edges=[
            Edge("e1", "data", "train"),
            Edge("e2", "train", "ship"),
            Edge("e3", "ship", "watch"),
            Edge("e4", "watch", "train", kind="feedback", trigger="alert", latency_days=3),
        ],
        phases=[
            Phase(1, items=[Item("p1-a", "Log predictions"), Item("p1-b", "Define metrics")]),
            Phase(2, items=[Item("p2-a", "Form the pod")]),
        ],
    )


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    return tmp_path / "team.lcstudio"


@pytest.fixture
def ws(ws_path: Path):
    workspace = Workspace.create(ws_path)
    yield workspace
    workspace.close()
