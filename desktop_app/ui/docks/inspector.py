"""The inspector: every field of the selected stage, edge, or (with nothing selected) the lifecycle.

Each field commits on its own (Enter, focus out, or a choice in a list) as one undo command,
so "rename, set owner, set kind" are three steps on Edit ▸ Undo, each named for what it does.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDockWidget, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QScrollArea, QStackedWidget,
    QTableWidget, QTableWidgetItem, QToolButton, QWidget, QHeaderView,
)

from desktop_app.export.palette import KIND_LABEL
from desktop_app.model.document import (
    AUTOMATIONS, EDGE_KINDS, MAX_NAME, PARADIGMS, SEVERITY_SETTINGS, STAGE_KINDS, TRIGGERS, Edge, Lifecycle, Stage,
)
from desktop_app.model.naming import Names
from desktop_app.model.text import quoted
from desktop_app.ui.icons import kind_icon
from desktop_app.ui.wording import plural

NO_OWNER = "(no owner)"


class TextBox(QPlainTextEdit):
    """A multi-line field that commits when it loses focus, like a line edit does."""

    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


def _form() -> tuple[QWidget, QFormLayout]:
    w = QWidget()
    form = QFormLayout(w)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    return w, form


class InspectorDock(QDockWidget):
    # ("stage"|"edge"|"lifecycle", id or None, {field: old}, {field: new})
    editRequested = Signal(str, object, dict, dict)
    # rule code, old setting or None, new setting or None
    ruleRequested = Signal(str, object, object)
    removeSuppressionRequested = Signal(int, str)

    def __init__(self, parent=None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("inspectorDock")
        self.stack = QStackedWidget(self)
        self._loading = False
        self.doc: Lifecycle | None = None
        self.stage: Stage | None = None
        self.edge: Edge | None = None
        self._build_empty()
        self._build_stage()
        self._build_edge()
        self._build_lifecycle()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(scroll)

    # --- pages ---------------------------------------------------------------------------------

    def _build_empty(self) -> None:
        self.empty = QLabel("No lifecycle open.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack.addWidget(self.empty)

    def _line(self, form: QFormLayout, label: str, commit: Callable[[], None]) -> QLineEdit:
        w = QLineEdit()
        w.editingFinished.connect(commit)
        form.addRow(label, w)
        return w

    def _advanced_id(self, form: QFormLayout) -> QLineEdit:
        """The id, read-only, behind an "Advanced" disclosure: users read names; the id is
        there for whoever asks (files and other tools use it)."""
        toggle = QToolButton()
        toggle.setText("Advanced")
        toggle.setCheckable(True)
        toggle.setAutoRaise(True)
        toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toggle.setArrowType(Qt.ArrowType.RightArrow)
        ident = QLineEdit()
        ident.setReadOnly(True)
        ident.setToolTip("The id files and other tools use; it stays as you rename")
        form.addRow(toggle)
        form.addRow("Id", ident)
        form.setRowVisible(ident, False)

        def show(on: bool) -> None:
            form.setRowVisible(ident, on)
            toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        toggle.toggled.connect(show)
        ident.setProperty("disclosure", toggle)   # for tests: the button that shows it
        return ident

    def _combo(self, form: QFormLayout, label: str, values, commit: Callable[[], None]) -> QComboBox:
        w = QComboBox()
        for v in values:
            w.addItem(v, v)
        w.activated.connect(lambda _i: commit())
        form.addRow(label, w)
        return w

    def _text(self, form: QFormLayout, label: str, commit: Callable[[], None]) -> TextBox:
        w = TextBox()
        w.setTabChangesFocus(True)
        w.setFixedHeight(64)
        w.editingFinished.connect(commit)
        form.addRow(label, w)
        return w

    def _number(self, form: QFormLayout, label: str, commit: Callable[[], None], none_ok: bool = False) -> QDoubleSpinBox:
        w = QDoubleSpinBox()
        w.setDecimals(2 if none_ok else 0)
        w.setRange(-1.0 if none_ok else -1e7, 1e7)
        if none_ok:
            w.setSpecialValueText("none")   # the minimum (-1) stands for "not set"
        w.setKeyboardTracking(False)
        w.editingFinished.connect(commit)
        form.addRow(label, w)
        return w

    def _build_stage(self) -> None:
        page, form = _form()
        self.stage_title = QLabel()
        self.stage_title.setObjectName("inspectorTitle")
        form.addRow(self.stage_title)
        self.s_name = self._line(form, "Name", lambda: self._commit_stage("name", self.s_name.text().strip()))
        self.s_name.setMaxLength(MAX_NAME)
        self.s_kind = QComboBox()
        for k in STAGE_KINDS:
            self.s_kind.addItem(kind_icon(k), KIND_LABEL[k], k)
        self.s_kind.activated.connect(lambda _i: self._commit_stage("kind", self.s_kind.currentData()))
        form.addRow("Kind", self.s_kind)
        self.s_owner = QComboBox()
        self.s_owner.activated.connect(lambda _i: self._commit_stage("owner", self.s_owner.currentData()))
        form.addRow("Owner", self.s_owner)
        self.s_automation = self._combo(form, "Automation", AUTOMATIONS,
                                        lambda: self._commit_stage("automation", self.s_automation.currentData()))
        self.s_criteria = self._text(form, "Criteria", lambda: self._commit_stage("criteria", self.s_criteria.toPlainText()))
        self.s_notes = self._text(form, "Notes", lambda: self._commit_stage("notes", self.s_notes.toPlainText()))
        pos = QWidget()
        row = QHBoxLayout(pos)
        row.setContentsMargins(0, 0, 0, 0)
        self.s_x = QDoubleSpinBox()
        self.s_y = QDoubleSpinBox()
        for w, f in ((self.s_x, "x"), (self.s_y, "y")):
            w.setRange(-1e7, 1e7)
            w.setDecimals(0)
            w.setKeyboardTracking(False)
            w.editingFinished.connect(lambda f=f, w=w: self._commit_stage(f, float(w.value())))
            row.addWidget(w)
        form.addRow("Position", pos)
        self.s_id = self._advanced_id(form)
        self.stage_page = page
        self.stack.addWidget(page)

    def _build_edge(self) -> None:
        page, form = _form()
        self.edge_title = QLabel()
        self.edge_title.setObjectName("inspectorTitle")
        form.addRow(self.edge_title)
        self.e_kind = self._combo(form, "Kind", EDGE_KINDS, lambda: self._commit_edge("kind", self.e_kind.currentData()))
        self.e_source = QComboBox()
        self.e_source.activated.connect(lambda _i: self._commit_edge("source", self.e_source.currentData()))
        form.addRow("From", self.e_source)
        self.e_target = QComboBox()
        self.e_target.activated.connect(lambda _i: self._commit_edge("target", self.e_target.currentData()))
        form.addRow("To", self.e_target)
        self.e_trigger = self._combo(form, "Trigger", TRIGGERS, lambda: self._commit_edge("trigger", self.e_trigger.currentData()))
        self.e_latency = self._number(form, "Latency (days)", self._commit_latency, none_ok=True)
        self.e_label = self._line(form, "Label", lambda: self._commit_edge("label", self.e_label.text()))
        self.e_id = self._advanced_id(form)
        self.edge_page = page
        self.stack.addWidget(page)

    def _build_lifecycle(self) -> None:
        page, form = _form()
        self.l_title = QLabel("Lifecycle")
        self.l_title.setObjectName("inspectorTitle")
        form.addRow(self.l_title)
        self.l_name = self._line(form, "Name", lambda: self._commit_lifecycle("name", self.l_name.text().strip()))
        self.l_name.setMaxLength(MAX_NAME)
        self.l_paradigm = self._combo(form, "Paradigm", PARADIGMS,
                                      lambda: self._commit_lifecycle("paradigm", self.l_paradigm.currentData()))
        self.l_description = self._text(form, "Description",
                                        lambda: self._commit_lifecycle("description", self.l_description.toPlainText()))
        # rule settings: one row per rule with a setting; add a rule from the combo below
        self.l_rules = QTableWidget(0, 3)
        self.l_rules.setHorizontalHeaderLabels(["Rule", "Severity", "Parameters (JSON)"])
        self.l_rules.verticalHeader().hide()
        self.l_rules.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.l_rules.setMinimumHeight(110)
        self.l_rules.itemChanged.connect(self._rule_params_edited)
        form.addRow("Rules", self.l_rules)
        add_row = QWidget()
        h = QHBoxLayout(add_row)
        h.setContentsMargins(0, 0, 0, 0)
        self.l_rule_code = QComboBox()
        self.l_rule_add = QPushButton("Add setting")
        self.l_rule_add.clicked.connect(self._add_rule)
        h.addWidget(self.l_rule_code, 1)
        h.addWidget(self.l_rule_add)
        form.addRow("", add_row)
        self.l_suppressions = QListWidget()
        self.l_suppressions.setMinimumHeight(70)
        form.addRow("Suppressions", self.l_suppressions)
        self.l_unsuppress = QPushButton("Remove suppression")
        self.l_unsuppress.clicked.connect(self._remove_suppression)
        form.addRow("", self.l_unsuppress)
        self.lifecycle_page = page
        self.stack.addWidget(page)

    # --- showing -------------------------------------------------------------------------------

    def show_selection(self, doc: Lifecycle | None, stage_ids: list[str], edge_ids: list[str]) -> None:
        self._loading = True
        try:
            self.doc = doc
            self.stage = self.edge = None
            if doc is None:
                self.stack.setCurrentWidget(self.empty)
            elif len(stage_ids) == 1 and not edge_ids:
                self._show_stage(doc, doc.stage(stage_ids[0]))
            elif len(edge_ids) == 1 and not stage_ids:
                self._show_edge(doc, doc.edge(edge_ids[0]))
            elif stage_ids or edge_ids:
                self.empty.setText(f"{plural(len(stage_ids), 'stage')} and {plural(len(edge_ids), 'edge')} selected.\n"
                                   "Select one to edit it.")
                self.stack.setCurrentWidget(self.empty)
            else:
                self._show_lifecycle(doc)
        except KeyError:
            self.stack.setCurrentWidget(self.empty)
        finally:
            self._loading = False

    def _fill_owners(self, combo: QComboBox, doc: Lifecycle, current: str | None) -> None:
        combo.clear()
        combo.addItem(NO_OWNER, None)
        for o in doc.owners:
            combo.addItem(o.name, o.id)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)

    def _show_stage(self, doc: Lifecycle, s: Stage) -> None:
        self.stage = s
        self.stage_title.setText(f"<b>Stage</b> · {KIND_LABEL.get(s.kind, s.kind)}")
        self.s_name.setText(s.name)
        self.s_name.setCursorPosition(0)   # a long name shows its beginning in a narrow panel
        self.s_kind.setCurrentIndex(self.s_kind.findData(s.kind))
        self._fill_owners(self.s_owner, doc, s.owner)
        self.s_automation.setCurrentIndex(self.s_automation.findData(s.automation))
        self.s_criteria.setPlainText(s.criteria)
        self.s_notes.setPlainText(s.notes)
        self.s_x.setValue(s.x)
        self.s_y.setValue(s.y)
        self.s_id.setText(s.id)
        self.stack.setCurrentWidget(self.stage_page)

    def _show_edge(self, doc: Lifecycle, e: Edge) -> None:
        self.edge = e
        self.edge_title.setText(f"<b>Edge</b> · {e.kind}")
        self.e_kind.setCurrentIndex(self.e_kind.findData(e.kind))
        for combo, value in ((self.e_source, e.source), (self.e_target, e.target)):
            combo.clear()
            for s in doc.stages:
                combo.addItem(kind_icon(s.kind), s.name, s.id)
            combo.setCurrentIndex(combo.findData(value))
        self.e_trigger.setCurrentIndex(self.e_trigger.findData(e.trigger))
        self.e_latency.setValue(-1.0 if e.latency_days is None else e.latency_days)
        self.e_label.setText(e.label)
        self.e_label.setCursorPosition(0)   # a long name shows its beginning in a narrow panel
        self.e_id.setText(e.id)
        self.stack.setCurrentWidget(self.edge_page)

    def _show_lifecycle(self, doc: Lifecycle) -> None:
        from desktop_app.model.rules import RULE_TABLE as RULES   # the light static table

        self.l_name.setText(doc.name)
        self.l_name.setCursorPosition(0)   # a long name shows its beginning in a narrow panel
        self.l_paradigm.setCurrentIndex(self.l_paradigm.findData(doc.paradigm))
        self.l_description.setPlainText(doc.description)
        self.l_rules.setRowCount(0)
        for code, setting in sorted(doc.rules.items()):
            row = self.l_rules.rowCount()
            self.l_rules.insertRow(row)
            code_item = QTableWidgetItem(code)
            code_item.setFlags(code_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            code_item.setToolTip(RULES[code].name if code in RULES else code)
            self.l_rules.setItem(row, 0, code_item)
            sev = QComboBox()
            sev.addItem("default", None)
            for v in SEVERITY_SETTINGS:
                sev.addItem(v, v)
            sev.setCurrentIndex(max(0, sev.findData(setting.get("severity"))))
            sev.activated.connect(lambda _i, c=code, w=sev: self._rule_severity(c, w.currentData()))
            self.l_rules.setCellWidget(row, 1, sev)
            params = {k: v for k, v in setting.items() if k != "severity"}
            self.l_rules.setItem(row, 2, QTableWidgetItem(json.dumps(params) if params else ""))
        self.l_rule_code.clear()
        for code, info in RULES.items():
            if code not in doc.rules:
                self.l_rule_code.addItem(f"{code} {info.name}", code)
        self.l_suppressions.clear()
        # the stages' names only when a suppression names one (every edit shows this page
        # again: 10,000 names at 5,000 stages, ~8 ms on the UI thread per move)
        names = Names(doc) if any(s.stage for s in doc.suppressions) else None
        for i, s in enumerate(doc.suppressions):
            where = f" on {quoted(names.stage(s.stage))}" if s.stage and names else ""
            item = QListWidgetItem(f"{s.rule}{where}: {s.reason}")
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.l_suppressions.addItem(item)
        self.stack.setCurrentWidget(self.lifecycle_page)

    # --- committing ----------------------------------------------------------------------------

    def _commit_stage(self, field: str, value: Any) -> None:
        if self._loading or self.stage is None:
            return
        old = getattr(self.stage, field)
        if value == old or (field in ("name", "id") and not value):
            return
        self.editRequested.emit("stage", self.stage.id, {field: old}, {field: value})

    def _commit_edge(self, field: str, value: Any) -> None:
        if self._loading or self.edge is None:
            return
        old = getattr(self.edge, field)
        if value == old or (field == "id" and not value):
            return
        self.editRequested.emit("edge", self.edge.id, {field: old}, {field: value})

    def _commit_latency(self) -> None:
        v = self.e_latency.value()
        self._commit_edge("latency_days", None if v < 0 else float(v))

    def _commit_lifecycle(self, field: str, value: Any) -> None:
        if self._loading or self.doc is None:
            return
        old = getattr(self.doc, field)
        if value == old or (field == "name" and not value):
            return
        self.editRequested.emit("lifecycle", None, {field: old}, {field: value})

    def _rule_severity(self, code: str, severity: str | None) -> None:
        if self._loading or self.doc is None:
            return
        old = self.doc.rules.get(code)
        new = {k: v for k, v in (old or {}).items() if k != "severity"}
        if severity:
            new["severity"] = severity
        self.ruleRequested.emit(code, old, new or None)

    def _rule_params_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or self.doc is None or item.column() != 2:
            return
        code = self.l_rules.item(item.row(), 0).text()
        old = self.doc.rules.get(code)
        try:
            params = json.loads(item.text()) if item.text().strip() else {}
            if not isinstance(params, dict):
                raise ValueError("not an object")
        except ValueError:
            item.setToolTip('Parameters are a JSON object, e.g. {"max_feedback_days": 14}')
            return
        new = dict(params)
        if old and "severity" in old:
            new["severity"] = old["severity"]
        self.ruleRequested.emit(code, old, new or None)

    def _add_rule(self) -> None:
        if self.doc is None or self.l_rule_code.currentData() is None:
            return
        code = self.l_rule_code.currentData()
        from desktop_app.model.rules import RULE_TABLE as RULES

        default = RULES[code].default_severity(self.doc.paradigm)
        self.ruleRequested.emit(code, None, {"severity": default})

    def _remove_suppression(self) -> None:
        item = self.l_suppressions.currentItem()
        if item is None or self.doc is None:
            return
        index = item.data(Qt.ItemDataRole.UserRole)
        self.removeSuppressionRequested.emit(index, self.doc.suppressions[index].rule)
