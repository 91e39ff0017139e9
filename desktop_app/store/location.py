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


# What libpq's own limits and the app's messages allow: PostgreSQL cuts a name after 63 bytes
# (NAMEDATALEN), so a longer user or database is not the one the address shows; an address
# longer than this is no address a person typed, and every message would repeat it.
MAX_NAME_BYTES = 63
MAX_ADDRESS = 2048

# libpq parameters that would say something else than the address shows (who, which database):
# the window title, recent files and messages would name one database while another is opened
_NAMED_BY_THE_ADDRESS = {
    "user": "write the user before the @",
    "dbname": "write the database after the /",
}


def _check_parts(raw: str, parts, query: list[tuple[str, str]]) -> None:
    """Refuse an address whose parts libpq would read differently from what it shows."""
    shown = raw if len(raw) <= 120 else raw[:119] + "\u2026"
    seen: set[str] = set()
    for key, _value in query:
        low = key.lower()
        if low in _NAMED_BY_THE_ADDRESS:
            raise WorkspaceError(shown, f"?{key}= does not belong in the address's query: "
                                        f"{_NAMED_BY_THE_ADDRESS[low]}, as in {EXAMPLE_ADDRESS}")
        if low in seen:
            raise WorkspaceError(shown, f"?{key}= is given twice in the address; give it once")
        seen.add(low)
    names = [("user", unquote(parts.username or "")),
             ("database", unquote(parts.path.lstrip("/")))]
    for what, name in names:
        if "\0" in name:
            raise WorkspaceError(shown, f"the {what} name holds a NUL character (%00), which "
                                        "PostgreSQL names cannot hold")
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise WorkspaceError(shown, f"the {what} name is longer than the {MAX_NAME_BYTES} bytes "
                                        "a PostgreSQL name can have")
    host = parts.hostname
    if host and not host.startswith("["):
        try:
            host.encode("idna")
        except UnicodeError:
            raise WorkspaceError(shown, "the host name is not a valid one (a part of it is "
                                        "empty or longer than 63 characters)") from None


def _parse_server(text: str) -> ServerLocation:
    raw = text.strip()
    if len(raw) > MAX_ADDRESS:
        raise WorkspaceError(
            _without_password(raw[:120]) + "\u2026",
            f"the address is {len(raw):,} characters long; a workspace address has at most "
            f"{MAX_ADDRESS:,}")
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
    _check_parts(raw, parts, query)
    database = unquote(parts.path.lstrip("/"))
    # a second "/" as typed is a path, not a database; an encoded one (%2F) is in its name
    if not database or "/" in parts.path.lstrip("/"):
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
