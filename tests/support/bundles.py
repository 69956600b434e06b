"""Result bundles v2 (docs/ballots.md) built from scratch with real Ed25519 keys, no server.

``BundleBuilder`` plays the server: it signs the ballot's definition versions, the
receipts and the closing record into one hash chain, vouches for the device keys and
writes the tally the way the server does. Because it signs whatever it is told to, it
also plays a dishonest server (an opinion from another user's key, an ineligible
member's opinion accepted, one accepted after the deadline). The helpers at the end
read a finished bundle and change it afterwards, the way someone editing the exported
file would; ``tests/support/bundle_forgery.py`` re-signs one with another key.

Keys come from a seed, so the same arguments give the same bundle, byte for byte.
A 10,000-opinion bundle takes about two seconds.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ecabinet.ballots.tally import CountedOpinion, tally
from ecabinet.crypto.ballot_records import (
    BY_DEADLINE,
    BY_EARLY_CLOSE,
    CLOSED_EARLY,
    DEADLINE_EXTENDED,
    ISSUED,
    chain_head_v2,
    closing,
    definition,
    device_statement,
)
from ecabinet.crypto.canonical import canonical_text, digest
from ecabinet.crypto.envelopes import GENESIS, opinion_envelope, receipt
from ecabinet.crypto.keys import SigningKey, b64
from ecabinet.crypto.server_keys import endorse

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý")  # fmt: skip
MIDDLE = ("Văn", "Thị", "Minh", "Đức", "Hữu", "Quốc", "Thanh", "Hồng", "Xuân", "Ngọc")
GIVEN = ("Hùng", "Dũng", "Thắng", "Phúc", "Chính", "Khải", "Hà", "Lan", "Tuấn", "Sơn", "Bình",
         "Long", "Quang", "Hải", "Trí", "Nghĩa", "Tâm", "Thảo")  # fmt: skip
TITLES = """
Phó Thủ tướng Chính phủ
Bộ trưởng Bộ Tài chính
Bộ trưởng Bộ Tư pháp
Bộ trưởng Bộ Ngoại giao
Bộ trưởng Bộ Y tế
Bộ trưởng Bộ Giáo dục và Đào tạo
Bộ trưởng Bộ Công Thương
Bộ trưởng Bộ Xây dựng
Bộ trưởng Bộ Nội vụ
Bộ trưởng Bộ Nông nghiệp và Môi trường
Thống đốc Ngân hàng Nhà nước Việt Nam
Tổng Thanh tra Chính phủ
Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ
""".strip().splitlines()
COMMENTS = {
    "agree": "",
    "disagree": "Đề nghị chưa ban hành; cần đánh giá thêm tác động đến ngân sách địa phương.",
    "other": "Đồng ý về chủ trương, đề nghị sửa Điều 5: bổ sung quy định chuyển tiếp.",
}
START = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def member_name(index: int) -> str:
    # Unique for the first 720 members: lcm(16, 10, 18).
    return f"{FAMILY[index % 16]} {MIDDLE[index % 10]} {GIVEN[index % 18]}"


@dataclass
class Key:
    """A signing key with its private object made once: signing 20,000 times stays quick."""

    seed: bytes
    private: Ed25519PrivateKey = field(init=False)
    public_b64: str = field(init=False)
    key_id: str = field(init=False)

    def __post_init__(self) -> None:
        signing = SigningKey(self.seed)
        self.private = Ed25519PrivateKey.from_private_bytes(self.seed)
        self.public_b64 = b64(signing.public_bytes)
        self.key_id = signing.key_id

    @classmethod
    def derive(cls, *parts: object) -> Key:
        return cls(hashlib.sha256(":".join(map(str, parts)).encode()).digest())

    def sign_text(self, text: str) -> str:
        return b64(self.private.sign(text.encode("utf-8")))

    def signed(self, value: dict[str, Any]) -> dict[str, str]:
        """``{"text", "signature"}``: how a bundle carries a server statement."""
        text = canonical_text(value)
        return {"text": text, "signature": self.sign_text(text)}


@dataclass
class Member:
    user_id: str
    full_name: str
    title: str
    eligible: bool = True
    devices: list[Key] = field(default_factory=list)
    last_opinion: str | None = None


@dataclass
class Entry:
    opinion_id: str
    user_id: str
    choice: str
    status: str
    outdated: bool
    seq: int


class BundleBuilder:
    """A ballot as the server would record it; ``build()`` exports it as a bundle."""

    def __init__(
        self,
        members: int = 10,
        *,
        membership_total: int | None = None,
        seed: str = "ecabinet",
        question: str = "Ý kiến về dự thảo Nghị định quy định chi tiết Luật Ngân sách nhà nước",
        deadline: datetime = START + timedelta(days=3),
    ) -> None:
        self.seed = seed
        self.ballot_id = "b-" + hashlib.sha256(seed.encode()).hexdigest()[:32]
        self.server = Key.derive(seed, "server")
        self.endorsements: list[dict[str, str]] = []
        self.question = question
        self.deadline = deadline
        self.closed_at: datetime | None = None
        self.clock = START
        self.document = {
            "document_id": "d-nghi-dinh",
            "version_id": "v-2",
            "sha256": digest(b"du thao nghi dinh v2"),
        }
        self.members: list[Member] = []
        self.by_id: dict[str, Member] = {}
        self.device_revoked: dict[str, str | None] = {}
        self.device_registered: dict[str, str] = {}
        self.opinions: list[dict[str, str]] = []
        self.records: list[dict[str, str]] = []  # definitions and the closing record
        self.entries: list[Entry] = []
        self.seq = 0
        self.chain_hash = GENESIS
        self.definition_hash = ""
        self.definition_version = 0
        self.sealed = False
        for index in range(members):
            title = "Thủ tướng Chính phủ" if index == 0 else TITLES[(index - 1) % len(TITLES)]
            self.add_member(member_name(index), title)
        self.membership_total = membership_total if membership_total is not None else members
        self.chair_user_id = self.members[0].user_id if self.members else None
        self.issue(ISSUED)

    # --- the server's records ---

    def _chain(self, value: dict[str, Any], key: Key | None = None) -> dict[str, str]:
        signed = (key or self.server).signed(value)
        self.chain_hash = digest(signed["text"].encode("utf-8"))
        return signed

    def issue(self, change: str) -> str:
        """Sign the ballot as it stands as its next definition version; returns its hash."""
        self.seq += 1
        self.definition_version += 1
        value = definition(
            ballot_id=self.ballot_id,
            org_id="org-cp",
            meeting_id="m-phien-hop",
            agenda_item_id=None,
            version=self.definition_version,
            change=change,
            question=self.question,
            options=["agree", "disagree", "other"],
            comment_required=["other"],
            documents=[self.document],
            deadline=iso(self.deadline),
            closed_at=None if self.closed_at is None else iso(self.closed_at),
            eligible=[
                {"user_id": m.user_id, "full_name": m.full_name, "title": m.title}
                for m in self.members
                if m.eligible
            ],
            membership_total=self.membership_total,
            chair_user_id=self.chair_user_id,
            issued_at=iso(self.clock - timedelta(hours=1)),
            seq=self.seq,
            prev=self.chain_hash,
            server_key_id=self.server.key_id,
        )
        self.records.append(self._chain(value))
        self.definition_hash = self.chain_hash
        return self.definition_hash

    def extend(self, deadline: datetime) -> str:
        self.deadline = deadline
        return self.issue(DEADLINE_EXTENDED)

    def close_early(self, at: datetime) -> None:
        self.closed_at = at
        self.issue(CLOSED_EARLY)
        self.seal(at, BY_EARLY_CLOSE)

    def seal(self, at: datetime, cause: str = BY_DEADLINE) -> None:
        self.seq += 1
        value = closing(
            ballot_id=self.ballot_id, seq=self.seq, prev=self.chain_hash, closed_at=iso(at),
            cause=cause, server_key_id=self.server.key_id,
        )  # fmt: skip
        self.records.append(self._chain(value))
        self.sealed = True

    def rotate_server_key(self) -> Key:
        """The server's key is replaced; the new one is endorsed by the old one."""
        new = Key.derive(self.seed, "server", len(self.endorsements) + 1)
        statement = endorse(
            SigningKey(new.seed), SigningKey(self.server.seed), created_at=iso(self.clock)
        )
        self.endorsements.append({"text": statement.text, "signature": statement.signature})
        self.server = new
        return new

    # --- members, devices, opinions ---

    def add_member(self, full_name: str, title: str, *, eligible: bool = True) -> Member:
        member = Member(f"u-{len(self.members):05d}", full_name, title, eligible)
        self.members.append(member)
        self.by_id[member.user_id] = member
        self.add_device(member)
        return member

    def add_device(
        self,
        member: Member,
        *,
        revoked_at: datetime | None = None,
        registered_at: datetime = START - timedelta(days=30),
    ) -> Key:
        key = Key.derive(self.seed, "device", member.user_id, len(member.devices))
        member.devices.append(key)
        self.device_revoked[key.key_id] = None if revoked_at is None else iso(revoked_at)
        self.device_registered[key.key_id] = iso(registered_at)
        return key

    def answer(
        self,
        who: int | Member,
        choice: str,
        comment: str | None = None,
        *,
        device: Key | None = None,
        status: str = "accepted",
        reason: str | None = None,
        outdated: bool = False,
        supersedes: str | bool | None = True,
        definition_hash: str | None = None,
    ) -> str:
        """Sign an opinion as the member's laptop would, then receipt it as the server.

        ``supersedes=True`` names the member's previous opinion, as the device knew it;
        the envelope binds the current definition unless ``definition_hash`` says otherwise.
        """
        member = self.members[who] if isinstance(who, int) else who
        self.clock += timedelta(seconds=7)
        previous = member.last_opinion if supersedes is True else supersedes or None
        outdated = outdated and status == "accepted"
        env = opinion_envelope(
            ballot_id=self.ballot_id,
            definition_hash=definition_hash or self.definition_hash,
            choice=choice,
            comment=COMMENTS[choice] if comment is None else comment,
            documents=[self.document],
            user_id=member.user_id,
            device_key_id=(device or member.devices[0]).key_id,
            client_id="c-" + member.user_id,
            mutation_id=len(self.entries) + 1,
            signed_at=iso(self.clock - timedelta(seconds=3)),
            supersedes=previous,
        )
        text = canonical_text(env)
        signature = (device or member.devices[0]).sign_text(text)
        return self.receive(
            member, text, signature, choice=choice, status=status, reason=reason, outdated=outdated
        )

    def receive(
        self, member: Member, text: str, signature: str, *, choice: str, status: str = "accepted",
        reason: str | None = None, outdated: bool = False,
    ) -> str:  # fmt: skip
        """Receipt an envelope as it stands (any shape) into the chain."""
        opinion_id = digest(text.encode("utf-8"))
        self.seq += 1
        signed = self._chain(
            receipt(
                opinion_id=opinion_id,
                ballot_id=self.ballot_id,
                user_id=member.user_id,
                status=status,
                reason=reason,
                outdated=outdated,
                seq=self.seq,
                prev=self.chain_hash,
                received_at=iso(self.clock),
                server_key_id=self.server.key_id,
            )
        )
        self.opinions.append(
            {
                "envelope": text,
                "signature": signature,
                "receipt": signed["text"],
                "receipt_signature": signed["signature"],
            }
        )
        self.entries.append(Entry(opinion_id, member.user_id, choice, status, outdated, self.seq))
        member.last_opinion = opinion_id
        return opinion_id

    def tally(self) -> dict[str, Any]:
        """The server's count: each eligible member's last accepted opinion."""
        last: dict[str, Entry] = {}
        for entry in self.entries:
            if entry.status == "accepted":
                last[entry.user_id] = entry
        counted = [
            CountedOpinion(e.opinion_id, e.user_id, e.choice, e.outdated)
            for e in last.values()
            if self.by_id[e.user_id].eligible
        ]
        result = tally(
            counted,
            eligible=[m.user_id for m in self.members if m.eligible],
            membership_total=self.membership_total,
            chair_user_id=self.chair_user_id,
        )
        return result.as_dict()

    def exported_at(self) -> datetime:
        return max(self.deadline, self.clock) + timedelta(hours=2)

    def build(self, *, exported_at: datetime | None = None) -> dict[str, Any]:
        """Export, as the server does: a ballot past its deadline is sealed first."""
        export = exported_at or self.exported_at()
        end = self.deadline if self.closed_at is None else min(self.deadline, self.closed_at)
        if not self.sealed and export > end:
            self.seal(end)
        head = chain_head_v2(ballot_id=self.ballot_id, seq=self.seq, hash_=self.chain_hash,
                             exported_at=iso(export))  # fmt: skip
        closed_at = None
        if self.sealed:
            closed_at = json.loads(self.records[-1]["text"])["closed_at"]
        return {
            "format": "ecabinet.ballot-bundle.v2",
            "exported_at": iso(export),
            "ballot": {
                "id": self.ballot_id,
                "meeting_id": "m-phien-hop",
                "agenda_item_id": None,
                "document_id": None,
                "version": 1,
                "question": self.question,
                "options": ["agree", "disagree", "other"],
                "comment_required": ["other"],
                "deadline": iso(self.deadline),
                "status": "closed" if self.sealed else "open",
                "documents": [self.document["document_id"]],
                "eligible": [
                    {"user_id": m.user_id, "full_name": m.full_name, "title": m.title}
                    for m in sorted(self.members, key=lambda m: m.user_id)
                    if m.eligible
                ],
                "membership_total": self.membership_total,
                "chair_user_id": self.chair_user_id,
                "opened_at": iso(START - timedelta(hours=1)),
                "closed_at": closed_at,
            },
            "server_key": {"key_id": self.server.key_id, "public_key": self.server.public_b64},
            "server_key_endorsements": copy.deepcopy(self.endorsements),
            "records": copy.deepcopy(self.records),
            "device_keys": [
                self.server.signed(
                    device_statement(
                        key_id=key.key_id,
                        user_id=m.user_id,
                        public_key=key.public_b64,
                        registered_at=self.device_registered[key.key_id],
                        revoked_at=self.device_revoked[key.key_id],
                        server_key_id=self.server.key_id,
                    )
                )
                for m in self.members
                for key in m.devices
            ],
            "opinions": copy.deepcopy(self.opinions),
            "chain_head": {
                "seq": self.seq,
                "hash": self.chain_hash,
                "exported_at": iso(export),
                "signature": self.server.sign_text(canonical_text(head)),
            },
            "tally": self.tally(),
        }


def build_bundle(
    members: int = 10,
    answers: list[str | None] | None = None,
    *,
    membership_total: int | None = None,
    revisions: int = 1,
    seed: str = "ecabinet",
) -> dict[str, Any]:
    """Member i answers ``answers[i]`` (None: no answer); member 0 is the Prime Minister.

    With ``revisions`` > 1 each member first sends that many - 1 earlier opinions,
    which their last one supersedes: a bundle of ``members * revisions`` opinions.
    """
    builder = BundleBuilder(members, membership_total=membership_total, seed=seed)
    choices = answers if answers is not None else ["agree"] * members
    for _ in range(revisions - 1):
        for index, choice in enumerate(choices):
            if choice is not None:
                builder.answer(index, "other")
    for index, choice in enumerate(choices):
        if choice is not None:
            builder.answer(index, choice)
    return builder.build()
