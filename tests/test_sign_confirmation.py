"""Signing is deliberate: the minister confirms exactly what is signed, or nothing is."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.actors import PASSWORD, Secretariat
from support.pdfs import make_pdf
from support.server import ServerProcess

from ecabinet.client.workspace import Workspace
from ecabinet.crypto.canonical import digest
from ecabinet.crypto.envelopes import parse_opinion
from ecabinet.errors import InputError

MINISTER = "bt.taichinh"


def test_a_paper_replaced_while_the_minister_confirms_is_not_signed(
    server: ServerProcess, tmp_path: Path
) -> None:
    clerk = Secretariat(server.url)
    meeting = clerk.create_meeting("Lấy ý kiến về dự thảo Nghị định", [MINISTER, "bt.tuphap"])
    draft = clerk.upload(
        meeting["id"], make_pdf(tmp_path / "v1.pdf", 2, "Dự thảo lần 1"), title="Dự thảo Nghị định"
    )
    ballot = clerk.create_ballot(
        meeting["id"], "Đồng ý thông qua dự thảo?", document_ids=[draft["document"]["id"]]
    )
    workspace = Workspace(tmp_path / "profile", server_url=server.url)
    try:
        workspace.login(MINISTER, PASSWORD)
        assert workspace.sync().ok

        with pytest.raises(InputError) as refused:
            workspace.preview_opinion(ballot["id"], "other", "   ")
        assert refused.value.code == "comment_required"

        seen = workspace.preview_opinion(ballot["id"], "agree", "Nhất trí.")
        assert [p.title for p in seen.papers] == ["Dự thảo Nghị định"]
        assert seen.papers[0].sha256 == draft["version"]["sha256"]

        # The Government Office replaces the draft; a sync brings it in mid-confirmation.
        clerk.upload_version(draft["document"]["id"], make_pdf(tmp_path / "v2.pdf", 3, "Lần 2"))
        assert workspace.sync().ok
        with pytest.raises(InputError) as changed:
            workspace.sign_opinion(ballot["id"], "agree", "Nhất trí.", confirmed=seen)
        assert changed.value.code == "changed_while_confirming"
        assert workspace.status()["ballots"][0]["my_state"] == "not_answered"

        again = workspace.preview_opinion(ballot["id"], "agree", "Nhất trí.")
        assert again.papers[0].version_no == 2
        opinion_id = workspace.sign_opinion(ballot["id"], "agree", "Nhất trí.", confirmed=again)
        assert workspace.sync().ok
    finally:
        workspace.close()
    bundle = clerk.bundle(ballot["id"])
    [signed] = [o for o in bundle["opinions"] if digest(o["envelope"].encode()) == opinion_id]
    env = parse_opinion(signed["envelope"])
    assert [d["sha256"] for d in env["documents"]] == [again.papers[0].sha256]
