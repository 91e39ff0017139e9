"""The canvas view: zoom, pan, fit, the grid, drops from the palette and in-place rename."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QGraphicsView, QLineEdit

from desktop_app.export.palette import GRID
from desktop_app.model.document import MAX_NAME
from desktop_app.ui.canvas.items import snap
from desktop_app.ui.canvas.overview import Overview
from desktop_app.ui.canvas.scene import LifecycleScene

KIND_MIME = "application/x-lcstudio-stage-kind"
MIN_ZOOM, MAX_ZOOM = 0.03, 4.0


class CanvasView(QGraphicsView):
    zoomChanged = Signal(float)
    firstPainted = Signal()
    # stage id, new name (from the in-place editor)
    renameCommitted = Signal(str, str)

    def __init__(self, scene: LifecycleScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setAcceptDrops(True)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._panning: QPointF | None = None
        self._space_down = False
        self._editor: QLineEdit | None = None
        self._editing: str | None = None
        self._painted = False
        scene.renameRequested.connect(self.start_rename)
        # where the diagram goes on past the edges (the scene has room around it for drops,
        # so scroll bars would say little): a small map in the corner
        self.overview = Overview(self)
        self.zoomChanged.connect(lambda _z: self.overview.refresh(False))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.overview.refresh(False)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.firstPainted.emit()

    def lifecycle_scene(self) -> LifecycleScene:
        return self.scene()  # type: ignore[return-value]

    # --- zoom ----------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor_under_mouse: bool = False) -> None:
        target = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        ratio = target / self.zoom()
        if math.isclose(ratio, 1.0):
            return
        old = self.transformationAnchor()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(ratio, ratio)
        self.setTransformationAnchor(old)
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        scene = self.lifecycle_scene()
        if scene is None:  # the tab closed before a deferred fit ran (an import undone at once)
            return
        rect = QRectF()
        for item in list(scene.stages.values()) + list(scene.edges.values()):
            rect = rect.united(item.sceneBoundingRect())
        if rect.isNull():
            self.centerOn(0, 0)
            return
        rect.adjust(-40, -40, 40, 40)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        # never blow a small diagram up past 100 %: labels are designed for it
        if self.zoom() > 1.0:
            self.set_zoom(1.0)
            self.centerOn(rect.center())
        self.zoomChanged.emit(self.zoom())

    def centre_on_stages(self, stage_ids) -> None:
        scene = self.lifecycle_scene()
        rect = QRectF()
        for sid in stage_ids:
            if sid in scene.stages:
                rect = rect.united(scene.stages[sid].sceneBoundingRect())
        if rect.isNull():
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() > visible.width() or rect.height() > visible.height():
            self.fitInView(rect.adjusted(-60, -60, 60, 60), Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom() > 1.0:
                self.set_zoom(1.0)
            self.zoomChanged.emit(self.zoom())
        self.centerOn(rect.center())

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Shift+wheel scrolls sideways, like every other canvas
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta)
            return
        if delta:
            self.set_zoom(self.zoom() * math.pow(1.0015, delta), anchor_under_mouse=True)
        event.accept()

    # --- pan -----------------------------------------------------------------------------------

    def _pan_by(self, pos: QPointF) -> None:
        assert self._panning is not None
        d = pos - self._panning
        self._panning = pos
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(d.x()))
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(d.y()))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.MiddleButton or (
                event.button() == Qt.MouseButton.LeftButton and self._space_down):
            self._panning = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._panning is not None:
            self._pan_by(event.position())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._panning is not None:
            self._panning = None
            if self._space_down:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self._panning = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    # --- the grid ------------------------------------------------------------------------------

    def drawBackground(self, p: QPainter, rect: QRectF) -> None:
        th = self.lifecycle_scene().theme
        p.fillRect(rect, QColor(th.background))
        if self.zoom() < 0.45:
            return   # far out the grid is noise
        step = GRID * (1 if self.zoom() >= 0.9 else 2)
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        minor, major = QPen(QColor(th.grid), 0), QPen(QColor(th.grid_major), 0)
        x = left
        while x < rect.right():
            p.setPen(major if round(x / GRID) % 10 == 0 else minor)
            p.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            p.setPen(major if round(y / GRID) % 10 == 0 else minor)
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += step

    # --- drops from the palette ----------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(KIND_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(KIND_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:
        if self.lifecycle_scene().read_only:
            event.ignore()
            return
        if event.mimeData().hasFormat(KIND_MIME):
            kind = bytes(event.mimeData().data(KIND_MIME)).decode()
            p = self.mapToScene(event.position().toPoint())
            self.lifecycle_scene().addStageRequested.emit(kind, QPointF(snap(p.x() - 90), snap(p.y() - 36)))
            event.acceptProposedAction()
        else:
            super().dropEvent(event)

    # --- rename in place -----------------------------------------------------------------------

    def start_rename(self, stage_id: str) -> None:
        scene = self.lifecycle_scene()
        item = scene.stages.get(stage_id)
        if item is None:
            return
        self.cancel_rename()
        self.centerOn(item) if not self.mapToScene(self.viewport().rect()).boundingRect().contains(
            item.sceneBoundingRect()) else None
        box = self.mapFromScene(item.scene_box()).boundingRect()
        editor = QLineEdit(item.stage.name, self.viewport())
        editor.setObjectName("renameEditor")
        editor.setMaxLength(MAX_NAME)
        editor.setFrame(True)
        h = max(26, editor.sizeHint().height())
        editor.setGeometry(box.left() + 4, box.center().y() - h // 2, max(160, box.width() - 8), h)
        editor.selectAll()
        editor.returnPressed.connect(self.commit_rename)
        editor.editingFinished.connect(self.commit_rename)
        editor.installEventFilter(self)
        editor.show()
        editor.setFocus()
        self._editor, self._editing = editor, stage_id

    def eventFilter(self, obj, event) -> bool:
        if obj is self._editor and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.cancel_rename()
            return True
        return super().eventFilter(obj, event)

    def commit_rename(self) -> None:
        editor, sid = self._editor, self._editing
        if editor is None or sid is None:
            return
        name = editor.text().strip()
        self._editor = self._editing = None
        editor.hide()
        editor.deleteLater()
        self.setFocus()
        item = self.lifecycle_scene().stages.get(sid)
        if name and item is not None and name != item.stage.name:
            self.renameCommitted.emit(sid, name)

    def cancel_rename(self) -> None:
        if self._editor is not None:
            editor = self._editor
            self._editor = self._editing = None
            editor.hide()
            editor.deleteLater()
            self.setFocus()

    def rename_editor(self) -> QLineEdit | None:
        return self._editor
