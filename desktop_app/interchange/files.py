"""Files that hold documents: read only when they are regular files, and never more than a cap;
written whole (a temporary file beside the target, then a rename) or not at all.

A path from someone else can name anything: a named pipe (opening it waits forever for a
writer), ``/dev/zero`` (reading it never ends), a symlink loop, a folder. Every reader of a
document (JSON, GraphML, what comes next) goes through ``read_capped``, which looks at what the
path is before opening it, opens without blocking, looks again at what it opened, and stops
reading at the cap.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from desktop_app.model.text import echoed

# The largest document read. A 5,000-stage lifecycle is about 2 MB; the cap only stops files
# that are not documents (or are attacks) from filling the memory.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
_MB = 1024 * 1024


class FileRefused(Exception):
    """A path that cannot be read as a document; ``str()`` says why in a few words
    ("is a named pipe (FIFO), not a file"), for the caller to prefix with the path."""


def kind_problem(mode: int, noun: str = "a file") -> str | None:
    """What is wrong with a file of this ``st_mode``; None for a regular file. ``noun`` is what
    was wanted ("is a folder, not a document")."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"is a folder, not {noun}"
    if stat.S_ISFIFO(mode):
        return f"is a named pipe (FIFO), not {noun}"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"is a device, not {noun}"
    if stat.S_ISSOCK(mode):
        return f"is a socket, not {noun}"
    return "is not a regular file"


def os_problem(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """An OSError met while looking at or opening a path, in a user's words."""
    code = exc.errno
    if code == errno.ELOOP:
        return "is a symlink loop (its links lead back to each other, never to a file)"
    if code == errno.ENOENT:
        if path is not None and os.path.islink(path):
            return f"is a symlink to {echoed(os.readlink(path))}, which does not exist"
        return "no such file"
    if code == errno.ENOTDIR:
        return "no such file (a part of the path is a file, not a folder)"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ENAMETOOLONG:
        return "the name is too long"
    if code == errno.EISDIR:
        return "is a folder"
    return f"cannot be read ({exc.strerror or exc})"


def file_problem(path: str | os.PathLike[str], *, missing_ok: bool = False, noun: str = "a file") -> str | None:
    """Why ``path`` cannot be read as a file (without opening it); None when it is a regular
    file, and with ``missing_ok`` also when nothing is there (a file about to be created)."""
    try:
        return kind_problem(os.stat(path).st_mode, noun)
    except FileNotFoundError:
        if missing_ok and not os.path.islink(path):
            return None
        return os_problem(FileNotFoundError(errno.ENOENT, "no such file"), path)
    except OSError as exc:
        return os_problem(exc, path)
    except ValueError:  # a NUL byte in the name
        return "no such file (the name holds a NUL character)"


def size_text(size: int) -> str:
    return f"{size / _MB:,.0f} MB" if size >= _MB else f"{size:,} bytes"


def read_capped(path: str | os.PathLike[str], limit: int = MAX_DOCUMENT_BYTES, noun: str = "a document") -> bytes:
    """The bytes of the regular file at ``path``; FileRefused for anything else or anything
    larger than ``limit``. The file is only read."""
    problem = file_problem(path, noun=noun)
    if problem is not None:
        raise FileRefused(problem)
    # O_NONBLOCK: should the path have been swapped for a named pipe since the look above,
    # the open returns at once instead of waiting for a writer; the fstat below then refuses it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(os_problem(exc, path)) from None
    try:
        info = os.fstat(fd)
        problem = kind_problem(info.st_mode, noun)
        if problem is not None:
            raise FileRefused(problem)
        too_big = FileRefused(f"is larger than {size_text(limit)}, the most a document may be")
        if info.st_size > limit:
            raise FileRefused(f"is {size_text(info.st_size)}, larger than {size_text(limit)}, "
                              "the most a document may be")
        chunks: list[bytes] = []
        total = 0
        while True:  # read to the end, not to st_size: the file may be growing
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise too_big
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(os_problem(exc, path)) from None
    finally:
        os.close(fd)


# ---- writing ---------------------------------------------------------------------------------
def target_problem(target: str | os.PathLike[str]) -> str | None:
    """Why a file cannot be written at ``target`` (seen before anything is made); None when it
    can be tried: nothing there yet, or a regular file to replace, in a folder that exists."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        return f"the folder {echoed(str(folder))} does not exist"
    problem = file_problem(target, missing_ok=True)
    if problem is not None and "symlink to" in problem:
        return None  # a dangling symlink: the new file replaces the link
    return problem


def create_temp_beside(target: Path, suffix: str = ".tmp") -> tuple[int, Path]:
    """A new, empty file beside ``target`` (same folder, so a rename onto it is atomic), open for
    writing. Unlike mkstemp's 0600 it has the permissions (umask applied) that
    ``open(target, "w")`` would give, since it becomes the user's file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = target.parent / f".{target.name}.{secrets.token_hex(4)}{suffix}"
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); not possible, nor needed, on Windows."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
