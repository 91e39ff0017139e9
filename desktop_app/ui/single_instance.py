"""One window per workspace: a second start on a workspace that is open brings the running
window forward and quits, instead of showing "in use" over a greyed window.

The running app listens on a local socket (QLocalServer) named after the user and the
workspace (its resolved path, or a server workspace's address: session.workspace_key); a second start connects, says "activate", and waits for "ok".
The socket is the user's own (UserAccessOption), and only that one word is understood.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from desktop_app.store.location import ServerLocation
from desktop_app.ui.session import workspace_key

REQUEST, ANSWER = b"activate\n", b"ok\n"
WAIT_MS = 2000


def server_name(path: Path | ServerLocation | str) -> str:
    """Short enough for a Unix socket path, distinct per user and per workspace."""
    resolved = workspace_key(path)
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = hashlib.sha256(f"{user}\0{resolved}".encode("utf-8")).hexdigest()[:24]
    return f"lifecycle-studio-{digest}"


def bring_forward_running(path: Path | ServerLocation | str, wait_ms: int = WAIT_MS) -> bool:
    """True when an app already running on ``path`` answered and brought its window forward."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(path))
    if not socket.waitForConnected(wait_ms):
        return False
    try:
        socket.write(REQUEST)
        if not socket.waitForBytesWritten(wait_ms):
            return False
        answer = b""
        while not answer.endswith(b"\n") and socket.waitForReadyRead(wait_ms):
            answer += bytes(socket.readAll().data())
        return answer == ANSWER
    finally:
        socket.abort()


class InstanceServer(QObject):
    """Listens for second starts on one workspace; ``activationRequested`` for each."""

    activationRequested = Signal()

    def __init__(self, path: Path | ServerLocation | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(path)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)

    def listen(self) -> bool:
        """Start listening. A socket left by an app that crashed is removed first; call this
        only after ``bring_forward_running`` found nobody answering on it."""
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            return self.server.listen(self.name)
        return False

    def close(self) -> None:
        self.server.close()

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.peek(len(REQUEST)).data())
        if len(data) < len(REQUEST) and REQUEST.startswith(data):
            return   # wait for the rest of the word
        socket.readAll()
        if data == REQUEST:
            self.activationRequested.emit()
            socket.write(ANSWER)
            socket.flush()
        socket.disconnectFromServer()
