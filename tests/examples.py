"""Where the shared example lifecycles live: `../shared/examples` beside the repository (CI
lays it there too). One place, so a change to the examples reaches every test."""

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
EXPECTED = EXAMPLES / "expected"
