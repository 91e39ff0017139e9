"""The workspace file and the operations API, the only code that writes it.

``Workspace`` (and with it SQLAlchemy) is imported on first use, so code that only needs the
light parts (a Change, an error, the file's constants) does not pay for it: the app paints its
window before the store loads (DESIGN.md principle 6).
"""

from typing import TYPE_CHECKING

from .change import (
    ActionItemInfo,
    ActivityEntry,
    Change,
    LifecycleInfo,
    Removed,
    RetrospectiveInfo,
    SnapshotInfo,
)
from .engine import APPLICATION_ID, SCHEMA_VERSION
from .errors import (
    ConflictError,
    NewerWorkspace,
    OperationError,
    PasswordNeeded,
    PasswordRefused,
    WorkspaceError,
    WorkspaceInUse,
)

WORKSPACE_SUFFIX = ".lcstudio"

if TYPE_CHECKING:
    from .retrospectives import Workspace


def __getattr__(name: str):
    if name == "Workspace":
        from .retrospectives import Workspace

        return Workspace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ActionItemInfo", "RetrospectiveInfo",
    "APPLICATION_ID", "ActivityEntry", "Change", "ConflictError", "LifecycleInfo", "NewerWorkspace", "OperationError",
    "PasswordNeeded", "PasswordRefused", "Removed", "SCHEMA_VERSION", "SnapshotInfo", "WORKSPACE_SUFFIX", "Workspace", "WorkspaceError",
    "WorkspaceInUse",
]
