"""Where a workspace lives: a file path or a PostgreSQL server address.

Everything that accepts a workspace (the command line, File ▸ Open, recent files) passes the
text through ``parse_location``. This module stays light on purpose (no SQLAlchemy, no driver):
the command line's ``check`` parses its arguments with it and must not pay for a database driver
unless it was given an address.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from .errors import WorkspaceError

# The one driver the app speaks; ``postgresql://`` means the same and is rewritten to it.
SERVER_SCHEME = "postgresql+psycopg"
_ACCEPTED_SCHEMES = ("postgresql", SERVER_SCHEME)
EXAMPLE_ADDRESS = "postgresql+psycopg://user@host/database"

PASSWORD_REFUSAL = (
    "a password does not belong in the workspace address (it would be kept in recent files and "
    "shell history); put it in ~/.pgpass or PGPASSWORD, or let the app ask for it"
)


@dataclass(frozen=True)
class ServerLocation:
    """A workspace in a PostgreSQL database.

    ``url`` is normalised (``postgresql+psycopg://``) and never holds a password: libpq finds it
    (``~/.pgpass``, ``PGPASSWORD``, ``PGSERVICE``) or the app asks and passes it separately."""

    url: str
    display: str
    database: str
    user: str | None

    def __str__(self) -> str:
        return self.display


def is_server_address(text: str) -> bool:
    """True when ``text`` names a PostgreSQL server (``postgresql:`` or ``postgresql+psycopg:``)."""
    head = text.strip().lower()
    return any(head.startswith(scheme + ":") for scheme in _ACCEPTED_SCHEMES)


def _without_password(text: str) -> str:
    """The address with any password cut out, for the refusal that names it."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return "the workspace address"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}@{hostport}" if user else hostport
    query = "&".join(
        f"{key}={value}" for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() != "password"
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _parse_server(text: str) -> ServerLocation:
    raw = text.strip()
    try:
        parts = urlsplit(raw)
        port = parts.port  # raises ValueError on a port that is not a number
    except ValueError:
        raise WorkspaceError(
            _without_password(raw), f"this is not a server address like {EXAMPLE_ADDRESS}"
        ) from None
    del port
    query = parse_qsl(parts.query, keep_blank_values=True)
    if parts.password is not None or any(key.lower() == "password" for key, _ in query):
        raise WorkspaceError(_without_password(raw), PASSWORD_REFUSAL)
    if not raw.lower().split(":", 1)[1].startswith("//"):
        raise WorkspaceError(raw, f"this is not a server address like {EXAMPLE_ADDRESS}")
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise WorkspaceError(
            raw, f"the address names no database; write it as {EXAMPLE_ADDRESS}"
        )
    url = urlunsplit((SERVER_SCHEME, parts.netloc, parts.path, parts.query, ""))
    user = unquote(parts.username) if parts.username else None
    return ServerLocation(url=url, display=url, database=database, user=user)


def parse_location(text: str | Path | ServerLocation) -> Path | ServerLocation:
    """A workspace's place from what the user typed: a server address or a file path.

    An address of any other kind (``sqlite://``, ``mysql://``, ``https://``) is refused rather than
    taken for a strange file name."""
    if isinstance(text, (Path, ServerLocation)):
        return text
    if is_server_address(text):
        return _parse_server(text)
    if "://" in text:
        raise WorkspaceError(
            _without_password(text),
            f"only PostgreSQL servers are supported: {EXAMPLE_ADDRESS}",
        )
    return Path(text)


def location_text(location: Path | ServerLocation | str) -> str:
    """The text to show in messages and keep in recent files (never a password)."""
    if isinstance(location, ServerLocation):
        return location.display
    return str(location)
