"""This device's share of the private-notes key (docs/security.md, "Private notes").

Online, after each sync (``NotesKeys.setup``): register this device's X25519 key
(signed by its device key); receive the notes key if another device wrapped it for
this one; make it if the user has none anywhere; hand it to the user's other devices
that lack it, once their X25519 key checks out against a device this app lists.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from ecabinet.client.credentials import SecretSlot
from ecabinet.client.vault import Vault
from ecabinet.crypto import notes_keys as nk
from ecabinet.crypto.keys import SigningKey, b64, unb64
from ecabinet.errors import InputError, ServerError
from ecabinet.store import meta
from ecabinet.store.db import LocalStore

# SQLAlchemy, the models and pydantic are imported where they are used: the app's first
# paint imports this module without them (ecabinet/store/first_read.py).
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ecabinet.protocol_annotations import NotesKeysOut


if TYPE_CHECKING:  # requests loads when the server is first needed, not at start-up
    from ecabinet.client.api import ApiClient

log = logging.getLogger(__name__)
NOTES_KEY_SLOT = "notes-key"
NOTES_BOX_SLOT = "notes-device-box"


def wrong_code() -> InputError:
    return InputError(
        "Mã khôi phục ghi chú riêng không đúng. Hãy kiểm tra lại từng ký tự.",
        code="wrong_recovery_code",
        message_en="The recovery code does not open the notes key.",
    )


class NotesKeys:
    def __init__(self, api: ApiClient, store: LocalStore, vault: Vault, account: str) -> None:
        self.api = api
        self.store = store
        self.key_slot = SecretSlot(NOTES_KEY_SLOT, account, vault)
        self.box_slot = SecretSlot(NOTES_BOX_SLOT, account, vault)

    # -- held here --------------------------------------------------------------
    def notes_key(self) -> bytes | None:
        stored = self.key_slot.load()
        return unb64(stored) if stored else None

    def _keep(self, key: bytes) -> None:
        self.key_slot.save(b64(key))

    def _box(self) -> X25519PrivateKey:
        stored = self.box_slot.load()
        if stored:
            return nk.box_from_b64(stored)
        box = nk.new_device_box()
        self.box_slot.save(nk.box_to_b64(box))
        return box

    # -- the server's copies --------------------------------------------------------
    def _state(self) -> NotesKeysOut:
        from ecabinet.protocol_annotations import NotesKeysOut

        return NotesKeysOut.model_validate(self.api.get_json("/api/v1/notes/keys"))

    def _put(self, path: str, body: dict[str, Any]) -> NotesKeysOut:
        from ecabinet.protocol_annotations import NotesKeysOut

        response = self.api.request("PUT", path, json=body)
        from ecabinet.client.api import raise_for_answer

        raise_for_answer(response)
        return NotesKeysOut.model_validate(response.json())

    def _user_id(self) -> str:
        with self.store.read() as session:
            return meta.get(session, meta.USER_ID) or ""

    def _listed_devices(self) -> dict[str, dict[str, Any]]:
        """The user's devices as this app lists them (pulled, shown to the minister)."""

        def read(session: Session) -> dict[str, dict[str, Any]]:
            return meta.devices(session)

        with self.store.read() as session:
            return read(session)

    def _vouched(self, device: Any, user_id: str) -> bool:
        listed = self._listed_devices().get(device.key_id)
        if listed is None or listed.get("revoked_at"):
            return False
        return nk.notes_device_verifies(
            str(listed.get("public_key") or ""), user_id=user_id, key_id=device.key_id,
            x25519_public=device.x25519_public, signature=device.signature,
        )  # fmt: skip

    def setup(self, signing_key: SigningKey | None) -> bool:
        """Bring this device's notes key up to date; True if it holds one afterwards."""
        if signing_key is None:
            return self.notes_key() is not None
        user_id = self._user_id()
        box = self._box()
        public = b64(nk.box_public(box))
        try:
            state = self._state()
        except ServerError as exc:
            if exc.code == "no_device_key":
                return self.notes_key() is not None
            raise
        mine = next((d for d in state.devices if d.key_id == signing_key.key_id), None)
        if mine is None or mine.x25519_public != public:
            signature = nk.sign_notes_device(
                signing_key, user_id=user_id, x25519_public=nk.box_public(box)
            )
            state = self._put(
                f"/api/v1/notes/devices/{signing_key.key_id}",
                {"x25519_public": public, "signature": signature},
            )
        key = self.notes_key()
        if key is None and state.wrapped is not None:
            key = self._receive(box, state, signing_key.key_id, user_id)
        if key is None:
            nobody = not any(d.has_key for d in state.devices) and state.recovery is None
            if not nobody:
                return False  # another device or the recovery code will bring it
            key = nk.new_notes_key()
        self._keep(key)
        self._hand_on(box, key, state, signing_key.key_id, user_id)
        return True

    def _receive(
        self, box: X25519PrivateKey, state: NotesKeysOut, own_id: str, user_id: str
    ) -> bytes | None:
        assert state.wrapped is not None
        giver = next((d for d in state.devices if d.key_id == state.wrapped.from_key_id), None)
        if giver is None or not (giver.key_id == own_id or self._vouched(giver, user_id)):
            log.warning("notes key wrapped by a device this app does not list: refused")
            return None
        try:
            return nk.unwrap_from(
                box, state.wrapped.wrapped, giver_public=giver.x25519_public,
                giver=giver.key_id, receiver=own_id,
            )  # fmt: skip
        except nk.NotesKeyError:
            log.warning("the wrapped notes key does not open")
            return None

    def _hand_on(
        self, box: X25519PrivateKey, key: bytes, state: NotesKeysOut, own_id: str, user_id: str
    ) -> None:
        for device in state.devices:
            if device.has_key:
                continue
            if device.key_id != own_id and not self._vouched(device, user_id):
                continue  # not a device the minister sees listed: never hand it the key
            wrapped = nk.wrap_for(
                box, key, receiver_public=device.x25519_public, giver=own_id,
                receiver=device.key_id,
            )  # fmt: skip
            try:
                self._put(
                    f"/api/v1/notes/devices/{device.key_id}/wrapped",
                    {"wrapped": wrapped, "from_key_id": own_id},
                )
            except ServerError as exc:
                log.warning("could not hand the notes key to %s: %s", device.key_id, exc.code)

    # -- recovery ---------------------------------------------------------------------
    def new_recovery_code(self) -> str:
        """A new recovery code for the key this device holds (the previous one stops
        working). Needs the network."""
        from ecabinet.protocol_annotations import RecoveryBlob

        key = self.notes_key()
        if key is None:
            from ecabinet.notes.local import no_notes_key

            raise no_notes_key()
        code = nk.new_recovery_code()
        blob = nk.wrap_with_code(code, key, user_id=self._user_id())
        self._put("/api/v1/notes/recovery", RecoveryBlob.model_validate(blob).model_dump())
        return code

    def recover(self, code: str, signing_key: SigningKey | None) -> None:
        """Open the notes key with the recovery code and keep it on this device."""
        state = self._state()
        if state.recovery is None:
            raise InputError(
                "Chưa có mã khôi phục ghi chú riêng nào được tạo cho tài khoản này.",
                code="no_recovery",
                message_en="No recovery code was ever made for this account.",
            )
        try:
            key = nk.unwrap_with_code(code, state.recovery.model_dump(), user_id=self._user_id())
        except nk.NotesKeyError:
            raise wrong_code() from None
        self._keep(key)
        if signing_key is not None:
            self._hand_on(self._box(), key, self._state(), signing_key.key_id, self._user_id())
