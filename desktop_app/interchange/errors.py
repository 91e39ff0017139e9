"""The one error the interchange raises: a document refused, with every problem listed."""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be used, and why.

    ``path`` is the file (None when the document did not come from a file) and ``problems``
    lists every problem found, each ``"where: what"`` (``stages[3].kind: 'deplyo' is not one
    of ...``), in document order. A refused document changes nothing anywhere.
    """

    def __init__(self, path: str | None, problems: list[str]) -> None:
        self.path = path
        self.problems = list(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        head = f"{self.path or 'document'}: refused: {count} {noun}"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def __str__(self) -> str:
        return self._text()
