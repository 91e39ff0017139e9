from __future__ import annotations

from datetime import date

import pytest

from desktop_app.model.document import Edge, Item, Lifecycle, Owner, Phase, Stage

TODAY = date(2026, 11, 26)


def line_lifecycle() -> Lifecycle:
    """A small assembly line with phase tracking: data -> train -> test -> ship -> watch."""
    return Lifecycle(
        name="Churn model",
        paradigm="hybrid",
        owners=[Owner("pod", "Model pod"), Owner("ops", "Operations")],
        stages=[
            Stage("data", "Data refresh", "data", owner="pod", x=0, y=0),
            Stage("train", "Train", "develop", owner="pod", x=220, y=0),
            Stage("test", "Regression tests", "validate", owner="pod", criteria="AUC", x=440, y=0),
            Stage("ship", "Ship", "deploy", owner="ops", x=660, y=0),
            Stage("watch", "Watch", "monitor", owner="ops", x=660, y=200),
        ],
        edges=[
            Edge("e1", "data", "train"),
            Edge("e2", "train", "test"),
            Edge("e3", "test", "ship"),
            Edge("e4", "ship", "watch"),
        ],
        phases=[
            Phase(1, date(2026, 1, 1), date(2026, 3, 31), items=[
                Item("p1-a", "Log predictions", "done", "pod", done_on=date(2026, 2, 1)),
                Item("p1-b", "Define metrics", "doing", "pod", due=date(2026, 3, 1)),
            ]),
            Phase(2, items=[Item("p2-a", "Form the pod")]),
            Phase(3, items=[Item("p3-a", "Schedule retraining")]),
        ],
    )


@pytest.fixture
def lifecycle() -> Lifecycle:
    return line_lifecycle()
