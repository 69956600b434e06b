"""The HTTP client of the sync server: tokens, transparent refresh, clear errors.

Pass a ``requests.Session`` in to reuse connections or to test against a real
local server; counters record round trips for the benchmarks.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from ecabinet import __version__, protocol
from ecabinet.client import transport
from ecabinet.client.credentials import SecretSlot
from ecabinet.errors import AuthError, ECabinetError, InputError, NetworkError, ServerError
from ecabinet.timeutil import parse_iso, utcnow

DEFAULT_TIMEOUT = (5.0, 60.0)  # connect, read (seconds)
# A refresh whose answer is lost is sent again with the same token, at once and after
# these pauses: the server answers a replay within its grace window (60 s by default)
# with the same new pair, once.
REFRESH_RETRY_PAUSES = (0.0, 1.0, 3.0)
# Short enough that every retry still lands inside that window after a timed-out try.
REFRESH_TIMEOUT = (5.0, 15.0)
Json = dict[str, Any]


@dataclass
class LoggedInUser:
    id: str
    username: str
    full_name: str
    title: str
    role: str
    org_id: str


def _error_body(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    err = body.get("error") if isinstance(body, dict) else None
    return err if isinstance(err, dict) else {}


def _error_of(response: requests.Response) -> tuple[str, str, str]:
    err = _error_body(response)
    code = str(err.get("code") or f"http_{response.status_code}")
    message = str(err.get("message") or f"Máy chủ trả lỗi {response.status_code}.")
    message_en = str(err.get("message_en") or f"Server answered {response.status_code}.")
    return code, message, message_en


def raise_for_answer(response: requests.Response) -> None:
    if response.status_code < 400:
        return
    code, message, message_en = _error_of(response)
    if response.status_code == 401:
        err = _error_body(response)
        reason = err.get("reason") if code == "session_ended" else None
        raise AuthError(
            message,
            code=code,
            message_en=message_en,
            reason=str(reason) if reason else None,
            wipe=err.get("wipe") is True,
        )
    raise ServerError(message, status=response.status_code, code=code, message_en=message_en)


class ApiClient:
    def __init__(
        self,
        base_url: str,
        *,
        refresh_slot: SecretSlot | None = None,
        http: requests.Session | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        ca_bundle: str | Path | None = None,
        tls_pin: str | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        # Plain http to another computer, or a CA bundle that is not there, is refused at
        # the first request, before any connection; a profile still opens offline.
        self._refusal: ECabinetError | None = None
        self.verify: str | bool = True
        try:
            transport.check_server_url(self.base_url)
            self.verify = transport.resolve_ca_bundle(ca_bundle)
        except InputError as exc:
            self._refusal = exc
        self.tls = transport.TlsPin(tls_pin)
        self.http = http or requests.Session()
        # Room for the parallel file downloads of the sync engine.
        transport.mount(self.http, self.tls, pool_maxsize=8)
        self.http.headers["User-Agent"] = f"eCabinet/{__version__}"
        self.timeout = timeout
        self.refresh_slot = refresh_slot
        self._access_token: str | None = None
        self._access_expires: datetime | None = None
        self._lock = threading.Lock()
        self._count_lock = threading.Lock()
        self.round_trips = 0
        self.on_user: Callable[[LoggedInUser], None] | None = None
        # From the last login or refresh: the session's id, the device key it is bound
        # to (login only), and the organisation's offline policy in days.
        self.session_id: str | None = None
        self.device: Json | None = None
        self.offline_access_days: int | None = None

    # -- tokens -------------------------------------------------------------
    def _store_tokens(self, body: Json) -> LoggedInUser:
        self._access_token = str(body["access_token"])
        self._access_expires = parse_iso(str(body["access_expires_at"]))
        if self.refresh_slot is not None:
            self.refresh_slot.save(str(body["refresh_token"]))
        self.session_id = body.get("session_id")
        self.device = body.get("device")
        days = body.get("offline_access_days")
        self.offline_access_days = days if isinstance(days, int) else None
        u = body["user"]
        user = LoggedInUser(
            id=u["id"],
            username=u["username"],
            full_name=u["full_name"],
            title=u.get("title", ""),
            role=u["role"],
            org_id=u["org_id"],
        )
        if self.on_user is not None:
            self.on_user(user)
        return user

    def login(
        self,
        username: str,
        password: str,
        client_label: str = "",
        device: dict[str, str] | None = None,
    ) -> LoggedInUser:
        """Password login; ``device`` (``crypto.device_proof.device_offer``) registers this
        laptop's signing key and binds the session to it."""
        body: Json = {"username": username, "password": password, "client_label": client_label}
        if device is not None:
            body["device"] = device
        response = self._send("POST", "/api/v1/auth/login", json=body)
        raise_for_answer(response)
        return self._store_tokens(response.json())

    def refresh(self) -> LoggedInUser:
        with self._lock:
            token = self.refresh_slot.load() if self.refresh_slot else None
            if not token:
                raise AuthError(
                    "Cần đăng nhập để đồng bộ.",
                    code="login_required",
                    message_en="Log in to sync.",
                )
            response = self._refresh_with(token)
            if response.status_code == 401 and self.refresh_slot is not None:
                self.refresh_slot.delete()
            raise_for_answer(response)
            return self._store_tokens(response.json())

    def _refresh_with(self, token: str) -> requests.Response:
        """Send the refresh; a lost answer (network, a proxy's 5xx) is asked for again with
        the same token. The token is kept until an answer says otherwise."""
        failure: NetworkError | None = None
        response: requests.Response | None = None
        for pause in REFRESH_RETRY_PAUSES:
            time.sleep(pause)
            try:
                response = self._send("POST", "/api/v1/auth/refresh", json={"refresh_token": token})
            except NetworkError as exc:
                failure = exc
                continue
            if response.status_code < 500:
                return response
        if response is not None:
            return response
        assert failure is not None
        raise failure

    def logout(self) -> None:
        token = self.refresh_slot.load() if self.refresh_slot else None
        self._access_token = None
        if token:
            # Offline: the token is forgotten locally and expires on its own.
            with contextlib.suppress(NetworkError):
                self._send("POST", "/api/v1/auth/logout", json={"refresh_token": token})
        if self.refresh_slot is not None:
            self.refresh_slot.delete()

    def forget_session(self) -> None:
        """The server ended this session: neither of its tokens will work again."""
        self._access_token = None
        if self.refresh_slot is not None:
            self.refresh_slot.delete()

    @property
    def has_session(self) -> bool:
        return self._access_token is not None

    # -- requests -----------------------------------------------------------
    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        if self._refusal is not None:
            raise self._refusal
        kwargs.setdefault("timeout", self.timeout)
        # Explicit per request: requests would otherwise let REQUESTS_CA_BUNDLE win.
        kwargs.setdefault("verify", self.verify)
        # A redirect could lead a password elsewhere, or to plain http: never followed.
        kwargs["allow_redirects"] = False
        with self._count_lock:
            self.round_trips += 1
        try:
            response = self.http.request(method, self.base_url + path, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise transport.tls_error(exc) from exc
        except requests.ConnectionError as exc:
            raise NetworkError(
                "Không kết nối được máy chủ. Bạn vẫn làm việc được với dữ liệu đã có trên máy.",
                code="unreachable",
                message_en=f"Cannot reach the server: {exc}",
            ) from exc
        except requests.Timeout as exc:
            raise NetworkError(
                "Máy chủ không trả lời kịp. Sẽ thử lại sau.",
                code="timeout",
                message_en=f"The server did not answer in time: {exc}",
            ) from exc
        if response.is_redirect:
            response.close()
            raise ServerError(
                "Máy chủ chuyển hướng sang một địa chỉ khác; eCabinet không đi theo. Hãy hỏi "
                "Văn phòng Chính phủ địa chỉ máy chủ đúng.",
                status=response.status_code,
                code="redirect_refused",
                message_en=f"The server redirected to {response.headers.get('Location')!r}; "
                "redirects are not followed.",
            )
        return response

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send with the access token; refresh it once if it has expired."""
        if self._access_token is None or (
            self._access_expires is not None and self._access_expires <= utcnow()
        ):
            self.refresh()
        extra_headers = dict(kwargs.pop("headers", None) or {})
        for attempt in (1, 2):
            headers = {**extra_headers, "Authorization": f"Bearer {self._access_token}"}
            response = self._send(method, path, headers=headers, **kwargs)
            if response.status_code == 401:
                code, _, _ = _error_of(response)
                if code == "session_ended":
                    self.forget_session()
                elif attempt == 1 and code in {"token_expired", "invalid_token"}:
                    response.close()
                    self.refresh()
                    continue
            return response
        raise AssertionError("unreachable")

    def get_json(self, path: str, **kwargs: Any) -> Any:
        response = self.request("GET", path, **kwargs)
        raise_for_answer(response)
        return response.json()

    def post_json(self, path: str, body: Any, **kwargs: Any) -> Any:
        response = self.request("POST", path, json=body, **kwargs)
        raise_for_answer(response)
        return response.json() if response.content else None

    # -- protocol -----------------------------------------------------------
    def pull(self, cursor: str | None, limit: int | None = None) -> Json:
        params: dict[str, Any] = {}
        if cursor:
            params["cursor"] = cursor
        if limit:
            params["limit"] = limit
        # Cursor and flags checked here; each change by apply.py, inside the page's write.
        body = self._json_of(lambda: self.get_json("/api/v1/sync/pull", params=params))
        return protocol.parse_pull_page(body)

    def push(self, client_id: str, mutations: list[Json]) -> list[Json]:
        sent = {"client_id": client_id, "mutations": mutations}
        body = self._json_of(lambda: self.post_json("/api/v1/sync/push", sent))
        return protocol.parse_push_answer(body)

    def server_info(self) -> Json:
        response = self._send("GET", "/api/v1/server-info")
        raise_for_answer(response)
        return protocol.parse_server_info(self._json_of(response.json))

    @staticmethod
    def _json_of(call: Callable[[], Any]) -> Any:
        """A body that is not JSON is a protocol error, not a traceback."""
        try:
            return call()
        except ValueError as exc:  # requests' JSONDecodeError is a ValueError
            raise protocol.ProtocolError(
                "Máy chủ trả lời không đúng định dạng.",
                code="protocol_violation",
                message_en=f"The server's answer is not JSON: {exc}",
            ) from exc
