from __future__ import annotations

import copy
import json
from typing import Any

import pytest

# Copies of /work/shared/examples (the six lifecycles of the spec), kept with the tests so that
# they run from a fresh checkout.
from tests.examples import EXAMPLES  # noqa: E402


@pytest.fixture
def hybrid_dict() -> dict[str, Any]:
    """The hybrid example as parsed JSON: a valid document with every kind of entry, to break."""
    return json.loads((EXAMPLES / "hybrid.lifecycle.json").read_text(encoding="utf-8"))


@pytest.fixture
def minimal_dict() -> dict[str, Any]:
    return copy.deepcopy(
        {
            "format": "lifecycle",
            "version": 1,
            "name": "Small",
            "owners": [{"id": "pod", "name": "Pod"}],
            "stages": [
                {"id": "a", "name": "A", "kind": "data"},
                {"id": "b", "name": "B", "kind": "develop"},
            ],
            "edges": [{"source": "a", "target": "b"}],
        }
    )
