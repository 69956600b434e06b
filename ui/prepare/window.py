"""The secretariat's "Chuẩn bị họp" window: create and edit meetings, build the
agenda, attach papers, issue a ballot, publish. Layout and loading: ui/prepare/base.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ecabinet.client import preparation as prep
from ecabinet.client.preparation import ItemDraft
from ui.prepare.base import ID_ROLE, PrepareBase
from ui.prepare.dialogs import BallotDialog, ItemDialog, MeetingDialog, VersionDialog

if TYPE_CHECKING:  # lxml and pypdf load when a package is first imported
    from ecabinet.client.edxml_import import ImportPlan, ImportResult


class PrepareWindow(PrepareBase):
    # -- meetings -------------------------------------------------------------
    def new_meeting(self) -> None:
        dialog = MeetingDialog(self, self.members, None)
        dialog.accepted.connect(lambda: self._create(dialog))
        dialog.open()

    def _create(self, dialog: MeetingDialog) -> None:
        draft, api = dialog.draft(), self.api

        def select(meeting: dict[str, Any]) -> None:
            self.meetings.insert(0, meeting)
            self._show_meetings()
            self._select_meeting(meeting["id"])
            self._say(self.tr("Meeting created. Add the agenda items, then publish."))

        self._run(lambda: prep.create_meeting(api, draft), select)

    def _select_meeting(self, meeting_id: str) -> None:
        for row in range(self.meeting_list.count()):
            if self.meeting_list.item(row).data(ID_ROLE) == meeting_id:
                self.meeting_list.blockSignals(True)
                self.meeting_list.setCurrentRow(row)
                self.meeting_list.blockSignals(False)

    def edit_meeting(self) -> None:
        meeting, meeting_id = self.current_meeting(), self.current_meeting_id()
        if meeting is None or meeting_id is None:
            return
        api = self.api

        def show_form(deputies: dict[str, str]) -> None:
            dialog = MeetingDialog(self, self.members, meeting, deputies)
            dialog.accepted.connect(
                lambda: self._run(lambda: prep.update_meeting(api, meeting_id, dialog.draft()))
            )
            dialog.open()

        self._run(lambda: prep.deputies_of(api, meeting_id), show_form, reload=False)

    def _confirm(self, text: str, then: Callable[[], None]) -> QMessageBox:
        """Ask before something members would notice; the safe answer is the default."""
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), text, parent=self)
        box.setObjectName("confirmBox")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(then)
        box.open()
        return box

    def cancel_meeting(self) -> None:
        meeting_id, api = self.current_meeting_id(), self.api
        if meeting_id is not None:
            self._confirm(
                self.tr("Cancel this meeting? Its participants are told at their next sync."),
                lambda: self._run(lambda: prep.cancel_meeting(api, meeting_id)),
            )

    def publish(self) -> None:
        meeting_id, api = self.current_meeting_id(), self.api
        if meeting_id is None:
            return

        def done(_result: object) -> None:
            self._say(self.tr("Published: participants get the meeting at their next sync."))

        self._run(lambda: prep.publish_meeting(api, meeting_id), done)

    # -- agenda ---------------------------------------------------------------
    def _item(self, item_id: str) -> dict[str, Any] | None:
        items = self.contents.items if self.contents else []
        return next((i for i in items if i["id"] == item_id), None)

    def add_item(self) -> None:
        meeting_id, api = self.current_meeting_id(), self.api
        if meeting_id is None or not self.add_item_button.isEnabled():
            return
        dialog = ItemDialog(self)

        def send() -> None:
            draft = dialog.draft()
            self._run(lambda: prep.add_item(api, meeting_id, draft))

        dialog.accepted.connect(send)
        dialog.open()

    def edit_item(self) -> None:
        item_id, api = self.agenda.current_id(), self.api
        item = self._item(item_id) if item_id else None
        if item is None or item_id is None:
            return
        current = ItemDraft(item["title"], item.get("presenter") or "",
                            item.get("classification") or "")  # fmt: skip
        # The revision this edit starts from: a second clerk's save in between is
        # answered 409 and shown, never silently overwritten.
        revision = item.get("revision")
        dialog = ItemDialog(self, current)

        def send() -> None:
            draft = dialog.draft()
            self._run(lambda: prep.edit_item(api, item_id, draft, revision))

        dialog.accepted.connect(send)
        dialog.open()

    def delete_item(self) -> None:
        item_id, api = self.agenda.current_id(), self.api
        if item_id is not None and self.delete_item_button.isEnabled():
            self._confirm(
                self.tr("Delete this agenda item and take its papers off the agenda?"),
                lambda: self._run(lambda: prep.delete_item(api, item_id)),
            )

    def reorder(self, item_ids: list[str]) -> None:
        meeting_id, api = self.current_meeting_id(), self.api
        if meeting_id is not None:
            self._run(lambda: prep.reorder_items(api, meeting_id, item_ids))

    # -- papers ---------------------------------------------------------------
    def choose_files(self) -> None:
        item_id = self.agenda.current_id()
        if item_id is None:
            return
        dialog = QFileDialog(self, self.tr("Attach PDF files"))
        dialog.setObjectName("attachDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.filesSelected.connect(lambda files: self.attach_files(item_id, list(files)))
        dialog.open()
        self.file_dialog_shown.emit(dialog)

    def attach_files(self, item_id: str, paths: list[Any]) -> None:
        """Check each file, then upload them one by one; the first refusal stops the rest."""
        meeting_id, api = self.current_meeting_id(), self.api
        if meeting_id is None:
            return
        files = [Path(p) for p in paths]

        def upload() -> int:
            for path in files:  # every file checked before the first is sent
                prep.check_pdf(path)
            for path in files:
                prep.upload_pdf(api, meeting_id, path, item_id=item_id)
            return len(files)

        def done(count: int) -> None:
            self._say(self.tr("%n paper(s) attached.", "", count))

        self._run(upload, done)

    # -- official documents from the national interchange (edXML) ---------------
    def choose_edxml(self) -> None:
        item_id = self.agenda.current_id()
        if item_id is None:
            return
        dialog = QFileDialog(self, self.tr("Import an edXML package"))
        dialog.setObjectName("edxmlFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("edXML packages (*.edxml *.xml)"), self.tr("All files (*)")])
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(lambda chosen: self.preview_edxml(item_id, Path(chosen)))
        dialog.open()
        self.file_dialog_shown.emit(dialog)

    def preview_edxml(self, item_id: str, path: Path) -> None:
        """Read and check the package in the background, then show what it holds; a
        package that cannot be imported is refused here, naming what is wrong."""
        # lxml and pypdf load here, not when the app starts
        from ecabinet.client.edxml_import import import_plan, read_plan
        from ui.prepare.edxml_dialog import EdxmlPreviewDialog

        meeting_id, api = self.current_meeting_id(), self.api
        item = self._item(item_id)
        if meeting_id is None or item is None:
            return

        def send(plan: ImportPlan) -> None:
            self._run(lambda: import_plan(api, plan, meeting_id, item_id), self._edxml_imported)
            count = len(plan.to_import)
            self._say(self.tr("Importing %n paper(s) from the edXML package…", "", count))

        def show(plan: ImportPlan) -> None:
            dialog = EdxmlPreviewDialog(self, plan, str(item["title"]))
            dialog.accepted.connect(lambda: send(plan))
            dialog.open()
            self.edxml_dialog = dialog

        self._say("")
        self._run(lambda: read_plan(path), show, reload=False)

    def _edxml_imported(self, result: ImportResult) -> None:
        text = self.tr("%n paper(s) imported from the edXML package", "", len(result.papers))
        text += f" {result.plan.number}."
        skipped = [a.info.name for a in result.plan.skipped]
        if skipped:
            text += " " + self.tr("Skipped: {names}.").format(names=", ".join(skipped))
        self._say(text)

    def new_version(self) -> None:
        entry = self.papers.currentItem()
        if entry is None:
            return
        document_id, api = str(entry.data(ID_ROLE)), self.api
        dialog = VersionDialog(self, entry.text())

        def send() -> None:
            path, note = Path(dialog.path.text().strip()), dialog.note.toPlainText()
            self._run(
                lambda: prep.upload_version(api, document_id, path, note),
                lambda _v: self._say(self.tr("New version sent; members see it as updated.")),
            )

        dialog.accepted.connect(send)
        dialog.open()
        self.version_dialog = dialog

    # -- ballots --------------------------------------------------------------
    def issue_ballot(self) -> None:
        meeting, meeting_id = self.current_meeting(), self.current_meeting_id()
        if meeting is None or meeting_id is None or self.contents is None:
            return
        invited = set(meeting.get("participants") or [])
        members = [(p.id, p.full_name) for p in self.members if p.id in invited]
        papers = [(d["id"], str(d.get("title") or d["id"])) for d in self.contents.documents]
        dialog = BallotDialog(self, members, papers)
        api = self.api
        item_id = self.agenda.current_id()

        def send() -> None:
            draft = dialog.draft()
            draft = prep.BallotDraft(**{**draft.__dict__, "agenda_item_id": item_id})
            open_now = dialog.open_now.isChecked()
            self._run(
                lambda: prep.issue_ballot(api, meeting_id, draft, open_now=open_now),
                lambda _b: self._say(self.tr("Ballot issued.")),
            )

        dialog.accepted.connect(send)
        dialog.open()
        self.ballot_dialog = dialog
