"""Result bundles (docs/ballots.md) built from scratch with real Ed25519 keys, no server.

``BundleBuilder`` plays the server: it signs receipts, links them into the hash chain
and writes the tally the way the server does. Because it signs whatever it is told
to, it also plays a dishonest server (an opinion from another user's key, an
ineligible member's opinion accepted). The ``tamper_*`` helpers change a finished
bundle afterwards, the way someone editing the exported file would.

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
from ecabinet.crypto.canonical import canonical_text, digest
from ecabinet.crypto.envelopes import GENESIS, chain_head, opinion_envelope, receipt
from ecabinet.crypto.keys import SigningKey, b64, unb64

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
    def __init__(
        self,
        members: int = 10,
        *,
        membership_total: int | None = None,
        seed: str = "ecabinet",
        question: str = "Ý kiến về dự thảo Nghị định quy định chi tiết Luật Ngân sách nhà nước",
        deadline: datetime = START + timedelta(days=3),
        closed_at: datetime | None = None,
    ) -> None:
        self.seed = seed
        self.ballot_id = "b-" + hashlib.sha256(seed.encode()).hexdigest()[:32]
        self.server = Key.derive(seed, "server")
        self.question = question
        self.deadline = deadline
        self.closed_at = closed_at
        self.clock = START
        self.document = {
            "document_id": "d-nghi-dinh",
            "version_id": "v-2",
            "sha256": digest(b"du thao nghi dinh v2"),
        }
        self.members: list[Member] = []
        self.by_id: dict[str, Member] = {}
        self.device_revoked: dict[str, str | None] = {}
        self.opinions: list[dict[str, str]] = []
        self.entries: list[Entry] = []
        self.chain_hash = GENESIS
        for index in range(members):
            title = "Thủ tướng Chính phủ" if index == 0 else TITLES[(index - 1) % len(TITLES)]
            self.add_member(member_name(index), title)
        self.membership_total = membership_total if membership_total is not None else members
        self.chair_user_id = self.members[0].user_id if self.members else None

    def add_member(self, full_name: str, title: str, *, eligible: bool = True) -> Member:
        member = Member(f"u-{len(self.members):05d}", full_name, title, eligible)
        self.members.append(member)
        self.by_id[member.user_id] = member
        self.add_device(member)
        return member

    def add_device(self, member: Member, *, revoked_at: datetime | None = None) -> Key:
        key = Key.derive(self.seed, "device", member.user_id, len(member.devices))
        member.devices.append(key)
        self.device_revoked[key.key_id] = None if revoked_at is None else iso(revoked_at)
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
    ) -> str:
        """Sign an opinion as the member's laptop would, then receipt it as the server.

        ``supersedes=True`` names the member's previous opinion, as the device knew it.
        """
        member = self.members[who] if isinstance(who, int) else who
        self.clock += timedelta(seconds=7)
        previous = member.last_opinion if supersedes is True else supersedes or None
        outdated = outdated and status == "accepted"
        env = opinion_envelope(
            ballot_id=self.ballot_id,
            ballot_version=1,
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
        opinion_id = digest(text.encode("utf-8"))
        seq = len(self.entries) + 1
        rec = canonical_text(
            receipt(
                opinion_id=opinion_id,
                ballot_id=self.ballot_id,
                user_id=member.user_id,
                status=status,
                reason=reason,
                outdated=outdated,
                seq=seq,
                prev=self.chain_hash,
                received_at=iso(self.clock),
                server_key_id=self.server.key_id,
            )
        )
        self.chain_hash = digest(rec.encode("utf-8"))
        self.opinions.append(
            {
                "envelope": text,
                "signature": (device or member.devices[0]).sign_text(text),
                "receipt": rec,
                "receipt_signature": self.server.sign_text(rec),
            }
        )
        self.entries.append(Entry(opinion_id, member.user_id, choice, status, outdated, seq))
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
        data = result.as_dict()
        del data["membership_total"], data["chair_choice"]
        return data

    def build(self) -> dict[str, Any]:
        head = chain_head(ballot_id=self.ballot_id, seq=len(self.entries), hash_=self.chain_hash)
        return {
            "format": "ecabinet.ballot-bundle.v1",
            "exported_at": iso(self.deadline + timedelta(hours=2)),
            "ballot": {
                "id": self.ballot_id,
                "version": 1,
                "question": self.question,
                "options": ["agree", "disagree", "other"],
                "comment_required": ["other"],
                "documents": [self.document["document_id"]],
                "deadline": iso(self.deadline),
                "status": "closed",
                "closed_at": None if self.closed_at is None else iso(self.closed_at),
                "membership_total": self.membership_total,
                "chair_user_id": self.chair_user_id,
                "eligible": [
                    {"user_id": m.user_id, "full_name": m.full_name, "title": m.title}
                    for m in self.members
                    if m.eligible
                ],
            },
            "server_key": {"key_id": self.server.key_id, "public_key": self.server.public_b64},
            "device_keys": [
                {
                    "key_id": key.key_id,
                    "user_id": m.user_id,
                    "public_key": key.public_b64,
                    "registered_at": iso(START - timedelta(days=30)),
                    "revoked_at": self.device_revoked[key.key_id],
                }
                for m in self.members
                for key in m.devices
            ],
            "opinions": copy.deepcopy(self.opinions),
            "chain_head": {**head, "signature": self.server.sign_text(canonical_text(head))},
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


# --- reading and tampering with a finished bundle (each returns a changed copy) ---


def envelope_of(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(bundle["opinions"][index]["envelope"])
    return value


def receipt_of(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(bundle["opinions"][index]["receipt"])
    return value


def opinion_id_of(bundle: dict[str, Any], index: int) -> str:
    return digest(bundle["opinions"][index]["envelope"].encode("utf-8"))


def index_of(bundle: dict[str, Any], user_id: str, nth: int = -1) -> int:
    """The position of the member's ``nth`` opinion in the bundle."""
    found = [
        i for i in range(len(bundle["opinions"])) if envelope_of(bundle, i)["user_id"] == user_id
    ]
    return found[nth]


def tamper_envelope(bundle: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    """Edit an envelope after signing; its signature and receipt stay as they were."""
    out = copy.deepcopy(bundle)
    out["opinions"][index]["envelope"] = canonical_text({**envelope_of(bundle, index), **changes})
    return out


def tamper_signature(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    raw = bytearray(unb64(out["opinions"][index]["signature"]))
    raw[5] ^= 0x01
    out["opinions"][index]["signature"] = b64(bytes(raw))
    return out


def tamper_receipt(bundle: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    """Edit a receipt after the server signed it (e.g. turn "rejected" into "accepted")."""
    out = copy.deepcopy(bundle)
    out["opinions"][index]["receipt"] = canonical_text({**receipt_of(bundle, index), **changes})
    return out


def remove_opinion(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    del out["opinions"][index]
    return out


def duplicate_opinion(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    out["opinions"].append(copy.deepcopy(out["opinions"][index]))
    return out


def tamper_chain_head(bundle: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    out["chain_head"].update(changes)
    return out


def tamper_tally(bundle: dict[str, Any], **changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(bundle)
    out["tally"].update(changes)
    return out
