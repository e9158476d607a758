"""The post-incident review in the window (Incident → Reviews…): the
incidents on the left; on the right the charts (phases shaded, events
marked), the report (impact table, response times, checklist compliance,
timeline), and the written parts with editable action items. Exports to
PDF, HTML, JSON and CSV.

Everything that reads or writes the database runs through ``submit`` (the
runtime's database executor); results come back as a queued signal, so the
GUI thread never waits on the database.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cockpit.review import BaselineMode, Review
from cockpit.review_export import write_csv, write_json
from cockpit.review_html import CSS, review_body, review_html
from cockpit.review_labels import Labels
from cockpit.review_service import ReviewService
from widgets.review_charts import CHARTS, build_chart

log = logging.getLogger(__name__)
Submit = Callable[..., "Future[Any]"]
ITEM_COLUMNS = 4  # title, owner, due (YYYY-MM-DD), done


class _Results(QObject):
    """Worker results → the GUI thread (queued: emitted from a worker)."""

    arrived = Signal(object, object, object)  # callback, result, error


class ReviewView(QDialog):
    def __init__(
        self,
        service: ReviewService,
        *,
        submit: Submit,
        language: str,
        zone: tzinfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.setWindowTitle(self.tr("Post-incident reviews"))
        self.resize(1280, 860)
        self._service, self._submit = service, submit
        self._labels, self._zone = Labels(language), zone
        self._review: Review | None = None
        self._results = _Results(self)
        self._results.arrived.connect(self._on_result_arrived)

        self.incidents = QListWidget()
        self.incidents.currentItemChanged.connect(self._on_incident_changed)
        self.baseline = QComboBox()
        self.baseline.addItem(self.tr("Baseline: the same length before"), BaselineMode.SAME_LENGTH)
        self.baseline.addItem(
            self.tr("Baseline: the same hours the day before"), BaselineMode.PREVIOUS_DAY
        )
        self.baseline.currentIndexChanged.connect(lambda _: self._load())
        self.tabs = QTabWidget()
        self.charts = QWidget()
        self.charts.setLayout(QVBoxLayout())
        self.report = QTextBrowser()
        self.report.document().setDefaultStyleSheet(CSS)
        self.tabs.addTab(self.charts, self.tr("Charts"))
        self.tabs.addTab(self.report, self.tr("Impact and checklist"))
        self.tabs.addTab(self._written_tab(), self.tr("Written parts and action items"))
        self.status = QLabel()

        right = QWidget()
        column = QVBoxLayout(right)
        top = QHBoxLayout()
        top.addWidget(self.baseline)
        top.addStretch(1)
        for text, handler in (
            (self.tr("Export PDF…"), self._on_export_pdf),
            (self.tr("Export HTML…"), self._on_export_html),
            (self.tr("Export JSON…"), self._on_export_json),
            (self.tr("Export CSV…"), self._on_export_csv),
        ):
            button = QPushButton(text)
            button.clicked.connect(handler)
            top.addWidget(button)
        column.addLayout(top)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.incidents)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._run(self._service.incidents, self._on_incidents_loaded)

    # --- the written parts tab ------------------------------------------------------

    def _written_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout()
        self.owner = QLineEdit()
        self.summary = QPlainTextEdit()
        self.causes = QPlainTextEdit()
        self.resolution = QPlainTextEdit()
        form.addRow(self.tr("Review owner"), self.owner)
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("Contributing causes"), self.causes)
        form.addRow(self.tr("Resolution"), self.resolution)
        save = QPushButton(self.tr("Save the written parts"))
        save.clicked.connect(self._on_save_written)
        self.items = QTableWidget(0, ITEM_COLUMNS)
        self.items.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Owner"), self.tr("Due (YYYY-MM-DD)"), self.tr("Done")]
        )
        self.items.horizontalHeader().setStretchLastSection(True)
        self.items.setColumnWidth(0, 420)
        buttons = QHBoxLayout()
        for text, handler in (
            (self.tr("Add action item"), self._on_add_item),
            (self.tr("Save action items"), self._on_save_items),
            (self.tr("Remove selected"), self._on_remove_item),
        ):
            button = QPushButton(text)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel(self.tr("Action items")))
        layout.addWidget(self.items, 1)
        layout.addLayout(buttons)
        return tab

    # --- running work off the GUI thread ----------------------------------------------

    def _run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self.status.setText(self.tr("Working…"))

        def done(future: Future[Any]) -> None:
            error = future.exception()
            result = None if error is not None else future.result()
            with contextlib.suppress(RuntimeError):  # the dialog is gone
                self._results.arrived.emit(then, result, error)

        self._submit(work).add_done_callback(done)

    def _on_result_arrived(self, then: Callable[[Any], None], result: Any, error: Any) -> None:
        self.status.setText("")
        if error is not None:
            log.error("review work failed: %s", error)
            QMessageBox.warning(self, self.tr("Reviews"), f"{type(error).__name__}: {error}")
            return
        then(result)

    # --- loading -----------------------------------------------------------------------

    def _on_incidents_loaded(self, incidents: list[Any]) -> None:
        self.incidents.clear()
        for incident in incidents:
            when = self._labels.time(incident.declared_at, self._zone)
            names = incident.playbook.get("names") or {}
            name = names.get(self._labels.language) or incident.kind
            item = QListWidgetItem(f"#{incident.id}  {when}\n{name} · {incident.summary}")
            item.setData(Qt.ItemDataRole.UserRole, incident.id)
            self.incidents.addItem(item)
        if self.incidents.count():
            self.incidents.setCurrentRow(0)

    def _on_incident_changed(self, current: QListWidgetItem | None, _: Any) -> None:
        if current is not None:
            self._load()

    def _incident_id(self) -> int | None:
        item = self.incidents.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _load(self) -> None:
        incident_id = self._incident_id()
        if incident_id is None:
            return
        mode = BaselineMode(self.baseline.currentData())
        self._run(lambda: self._service.review(incident_id, mode), self.show_review)

    def show_review(self, review: Review) -> None:
        """Fill every tab from ``review`` (GUI thread)."""
        self._review = review
        layout = self.charts.layout()
        while layout.count():
            old = layout.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        for name, _ in CHARTS:
            layout.addWidget(build_chart(review, name, labels=self._labels, zone=self._zone))
        language = self._labels.language
        self.report.setHtml(
            review_body(review, language=language, zone=self._zone, chart=lambda *_: "")
        )
        written = review.written
        self.owner.setText(written.owner)
        self.summary.setPlainText(written.summary)
        self.causes.setPlainText(written.causes)
        self.resolution.setPlainText(written.resolution)
        self.items.setRowCount(0)
        for item in review.action_items:
            self._add_row(item.id, item.title, item.owner, item.due, item.done)

    def _add_row(
        self, item_id: int | None, title: str, owner: str, due: date | None, done: bool
    ) -> None:
        row = self.items.rowCount()
        self.items.insertRow(row)
        cell = QTableWidgetItem(title)
        cell.setData(Qt.ItemDataRole.UserRole, item_id)
        self.items.setItem(row, 0, cell)
        self.items.setItem(row, 1, QTableWidgetItem(owner))
        self.items.setItem(row, 2, QTableWidgetItem(due.isoformat() if due else ""))
        box = QCheckBox()
        box.setChecked(done)
        self.items.setCellWidget(row, 3, box)

    # --- editing -------------------------------------------------------------------------

    def _on_save_written(self) -> None:
        incident_id = self._incident_id()
        if incident_id is None:
            return
        parts = {
            "owner": self.owner.text().strip(),
            "summary": self.summary.toPlainText().strip(),
            "causes": self.causes.toPlainText().strip(),
            "resolution": self.resolution.toPlainText().strip(),
        }
        self._run(lambda: self._service.write(incident_id, **parts), lambda _: self._load())

    def _on_add_item(self) -> None:
        self._add_row(None, self.tr("New action"), "", None, False)
        self.items.editItem(self.items.item(self.items.rowCount() - 1, 0))

    def _rows(self) -> list[tuple[int | None, str, str, date | None, bool]]:
        rows = []
        for row in range(self.items.rowCount()):
            title = (self.items.item(row, 0).text() or "").strip()
            item_id = self.items.item(row, 0).data(Qt.ItemDataRole.UserRole)
            owner = (self.items.item(row, 1).text() or "").strip()
            text = (self.items.item(row, 2).text() or "").strip()
            try:
                due = date.fromisoformat(text) if text else None
            except ValueError:
                raise ValueError(
                    self.tr("Row {row}: the due date must look like 2026-12-31").format(row=row + 1)
                ) from None
            box = self.items.cellWidget(row, 3)
            done = isinstance(box, QCheckBox) and box.isChecked()
            rows.append((item_id, title, owner, due, done))
        return rows

    def _on_save_items(self) -> None:
        incident_id = self._incident_id()
        if incident_id is None:
            return
        try:
            rows = self._rows()
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Action items"), str(exc))
            return
        service = self._service

        def save() -> None:
            for item_id, title, owner, due, done in rows:
                if item_id is None:
                    added = service.add_item(incident_id, title, owner, due)
                    item_id = added.id
                service.update_item(item_id, title=title, owner=owner, due=due, done=done)

        self._run(save, lambda _: self._load())

    def _on_remove_item(self) -> None:
        row = self.items.currentRow()
        if row < 0:
            return
        item_id = self.items.item(row, 0).data(Qt.ItemDataRole.UserRole)
        self.items.removeRow(row)
        if item_id is not None:
            self._run(lambda: self._service.delete_item(int(item_id)), lambda _: self._load())

    # --- exports ---------------------------------------------------------------------------

    def _target(self, caption: str, suffix: str) -> Path | None:
        if self._review is None:
            return None
        name = f"review-{self._review.incident.id}{suffix}"
        chosen, _ = QFileDialog.getSaveFileName(self, caption, name)
        return Path(chosen) if chosen else None

    def _on_export_pdf(self) -> None:
        path = self._target(self.tr("Export the review as PDF"), ".pdf")
        if path is not None and self._review is not None:
            from widgets.review_pdf import QtPdfRenderer

            # Charts are widgets: the PDF is drawn here, on the GUI thread (~1 s).
            QtPdfRenderer().review_pdf(
                self._review, path, language=self._labels.language, zone=self._zone
            )
            self.status.setText(self.tr("Saved {path}").format(path=path))

    def _on_export_html(self) -> None:
        path = self._target(self.tr("Export the review as HTML"), ".html")
        if path is not None and self._review is not None:
            html = review_html(self._review, language=self._labels.language, zone=self._zone)
            path.write_text(html, encoding="utf-8")
            self.status.setText(self.tr("Saved {path}").format(path=path))

    def _on_export_json(self) -> None:
        path = self._target(self.tr("Export the review as JSON"), ".json")
        if path is not None and self._review is not None:
            write_json(self._review, path)
            self.status.setText(self.tr("Saved {path}").format(path=path))

    def _on_export_csv(self) -> None:
        if self._review is None:
            return
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export samples and events as CSV"))
        if chosen:
            write_csv(self._review, Path(chosen))
            self.status.setText(self.tr("Saved {path}").format(path=chosen))


def open_reviews(parent: QWidget, runtime: Any, *, language: str) -> ReviewView:
    """Open the review view on the runtime's database (non-modal); its stores
    open on the database worker and close with the view."""
    settings = runtime.settings
    zone = _zone(settings.display_timezone)
    service = ReviewService(settings.database_url)
    view = ReviewView(service, submit=runtime.run_op, language=language, zone=zone, parent=parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.finished.connect(lambda _: runtime.run_op(service.close))
    view.show()
    return view


def _zone(name: str | None) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown display time zone %r", name)
    local = datetime.now().astimezone().tzinfo
    return local or ZoneInfo("UTC")
