"""A new version published by the secretariat: the minister's annotations follow the text.

Version 1 and 2 are the Vietnamese drafts of tests/test_anchoring.py: in version 2 one
passage moved pages on, one sentence lost a diacritic and one was deleted. After the
sync that brings version 2, every annotation is placed on it or listed as orphaned
(never dropped), the old version stays cached for side-by-side viewing, notes are
searchable offline, and the CLI exports an annotated copy that qpdf accepts.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader
from support.actors import Clerk
from support.cli import cli_json, run_cli
from support.notes import highlight, laptop, note, synced
from support.review_docs import make_review_pdf, text_under_quads
from support.server import ServerProcess
from test_anchoring import DELETED, MOVED, TOUCHED, TOUCHED_V2, versions

from ecabinet.search.query import search


def test_annotations_survive_a_new_version_and_export(
    server: ServerProcess, tmp_path: Path
) -> None:
    v1, v2 = versions()
    old_path = make_review_pdf(tmp_path / "v1.pdf", v1)
    new_path = make_review_pdf(tmp_path / "v2.pdf", v2)
    clerk = Clerk(server.url)
    meeting = clerk.create_meeting("Phiên họp thẩm định dự thảo", ["bt.taichinh", "bt.tuphap"])
    first = clerk.upload(meeting["id"], old_path, title="Dự thảo Nghị định (lần 1)")
    document_id, old_sha = first["document"]["id"], first["version"]["sha256"]
    profile = tmp_path / "laptop"
    minister = laptop(server.url, profile, "bt.taichinh")
    try:
        moved = minister.add_annotation(highlight(old_path, document_id, old_sha, MOVED))
        touched = minister.add_annotation(
            highlight(old_path, document_id, old_sha, TOUCHED, color="#FF0000")
        )
        deleted = minister.add_annotation(highlight(old_path, document_id, old_sha, DELETED))
        remark = minister.add_annotation(
            note(document_id, old_sha, "Đường sắt đô thị: đề nghị bổ sung kinh phí")
        )
        shared = minister.add_annotation(
            highlight(old_path, document_id, old_sha, MOVED[:60], visibility="shared")
        )
        synced(minister)
        second = clerk.upload_version(document_id, new_path)
        new_sha = second["version"]["sha256"] if "version" in second else second["sha256"]
        assert new_sha != old_sha
        synced(minister)

        shown = {r.id: r for r in minister.annotations(document_id)}
        assert set(shown) == {
            moved.id,
            touched.id,
            deleted.id,
            remark.id,
            shared.id,
        }  # none dropped
        placed = shown[moved.id]
        assert placed.version_sha256 == new_sha and placed.anchor["state"] in {"anchored", "moved"}
        under = text_under_quads(new_path, [(placed.page, placed.quads)])
        assert MOVED[:30] in " ".join(under.split()), under
        fuzzy = shown[touched.id]
        assert fuzzy.version_sha256 == new_sha
        assert fuzzy.anchor["state"] in {"anchored", "fuzzy"}, fuzzy.anchor
        assert TOUCHED_V2 not in TOUCHED
        orphan = shown[deleted.id]
        assert orphan.orphaned and orphan.version_sha256 == old_sha, orphan.anchor
        assert shown[remark.id].version_sha256 == new_sha
        # The old version stays here while annotations refer to it (side by side).
        assert minister.file_path(old_sha) is not None
        assert minister.file_path(new_sha) is not None

        confirmed = minister.confirm_placement(touched.id)
        assert confirmed.anchor["state"] == "anchored"
        assert confirmed.source_version_sha256 == new_sha

        with minister.store.read() as session:
            hits = search(session, "duong sat do thi", ignore_diacritics=True)
        assert [(h.kind, h.annotation_id) for h in hits if h.kind == "annotation"] == [
            ("annotation", remark.id)
        ]
        # A colleague whose laptop never held version 1: fetched to place the shared note.
        colleague = laptop(server.url, tmp_path / "colleague", "bt.tuphap")
        try:
            [seen] = colleague.annotations(document_id)
            assert (seen.id, seen.version_sha256) == (shared.id, new_sha), seen.anchor
            assert seen.anchor["state"] in {"anchored", "moved"}
        finally:
            colleague.close()
    finally:
        minister.close()

    listed = cli_json("annotations", "list", "--profile-dir", profile, "--json")
    assert {a["id"] for a in listed["annotations"]} == {
        moved.id,
        touched.id,
        deleted.id,
        remark.id,
        shared.id,
    }
    output = tmp_path / "ban-co-ghi-chu.pdf"
    run_cli("annotations", "export", "--profile-dir", profile, "--document", document_id,
            "--output", output)  # fmt: skip
    check = subprocess.run(["qpdf", "--check", str(output)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    reader = PdfReader(output)
    subtypes = [
        str(a.get_object()["/Subtype"]) for page in reader.pages for a in page.get("/Annots") or []
    ]
    assert subtypes.count("/Highlight") == 3 and subtypes.count("/Text") == 1, subtypes
    names = {
        str(a.get_object().get("/NM")) for page in reader.pages for a in page.get("/Annots") or []
    }
    assert {moved.id, touched.id, remark.id} <= names
    assert not list(tmp_path.glob("tmp*.pdf"))  # the decrypted source did not stay behind
    unknown = run_cli("annotations", "export", "--profile-dir", profile, "--document",
                      "00000000-0000-4000-8000-000000000000", "--output", tmp_path / "x.pdf",
                      check=False)  # fmt: skip
    assert unknown.returncode == 2 and "no_document" in unknown.stderr, unknown.stderr
    assert not (tmp_path / "x.pdf").exists()
