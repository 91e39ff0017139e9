"""The workspace file and the operations API, the only code that writes it."""

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
from .errors import NewerWorkspace, OperationError, WorkspaceError, WorkspaceInUse
from .retrospectives import Workspace
from .workspace import WORKSPACE_SUFFIX

__all__ = [
    "ActionItemInfo", "RetrospectiveInfo",
    "APPLICATION_ID", "ActivityEntry", "Change", "LifecycleInfo", "NewerWorkspace", "OperationError",
    "Removed", "SCHEMA_VERSION", "SnapshotInfo", "WORKSPACE_SUFFIX", "Workspace", "WorkspaceError",
    "WorkspaceInUse",
]
