"""The command line (placeholder until the commands land)."""
import sys


def main(argv: list[str] | None = None) -> int:
    print("lifecycle-studio: not built yet", file=sys.stderr)
    return 2
