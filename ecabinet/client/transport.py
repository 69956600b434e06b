"""How the client reaches a server: HTTPS, certificates verified, the server's key pinned.

Each rule holds before a byte of a request leaves the laptop:

- **No plain http, except to this computer.** ``http://`` is refused for any host but
  loopback (127.0.0.0/8, ::1, ``localhost``) when the client is built, and again by the
  adapter that sends ``http://`` requests; redirects are never followed.
- **Certificates are verified**, against the system's list or a CA bundle the
  Government Office hands out (``--ca-bundle``, ``ECABINET_CA_BUNDLE``, or the
  ``ca_bundle`` setting); a bundle replaces the system list.
- **The server's TLS key is pinned.** The SHA-256 of the leaf certificate's public key
  (its SubjectPublicKeyInfo, so a renewed certificate for the same key still passes)
  is checked inside the connection, right after the TLS handshake and before the
  request is written: a connection to another key is closed with nothing sent, not
  even a token. At first login the key met is pinned in the profile (``pins.py``);
  until then a client accepts only the first key it meets.

Every front end of one server must therefore present the same TLS key.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import ssl
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPSConnection
from urllib3.connectionpool import HTTPSConnectionPool
from urllib3.poolmanager import PoolManager

from ecabinet.errors import ECabinetError, InputError, IntegrityError, NetworkError

CA_BUNDLE_ENV = "ECABINET_CA_BUNDLE"
ASK_THE_OFFICE = "hãy hỏi Văn phòng Chính phủ"


# -- addresses -----------------------------------------------------------------
def is_loopback_host(host: str) -> bool:
    """Is ``host`` this computer by its very name (no name lookup is trusted)?"""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def insecure_url_error(url: str) -> InputError:
    host = urlsplit(url).hostname or url
    return InputError(
        "Địa chỉ máy chủ bắt đầu bằng http:// (không mã hóa): mật khẩu và tài liệu sẽ đi "
        "trên mạng ở dạng ai cũng đọc và sửa được, nên eCabinet không kết nối. Hãy dùng "
        f"địa chỉ bắt đầu bằng https://; nếu chưa rõ địa chỉ, {ASK_THE_OFFICE}.",
        code="insecure_url",
        message_en=(
            f"Refusing plain http:// to {host}: passwords and papers would cross the network "
            "unencrypted. Use the server's https:// address (ask the Government Office for "
            "it); plain http is allowed only to this computer (127.0.0.1, ::1, localhost)."
        ),
    )


def check_server_url(url: str) -> None:
    """Refuse, before any connection, an address the client must not talk to."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        raise InputError(
            f"Địa chỉ máy chủ không hợp lệ; địa chỉ phải có dạng https://tên-máy-chủ "
            f"({ASK_THE_OFFICE}).",
            code="bad_server_url",
            message_en=f"Not a server address: {url!r}; expected https://host.",
        )
    if parts.username is not None or parts.password is not None:
        raise InputError(
            "Địa chỉ máy chủ không được chứa tên đăng nhập hay mật khẩu.",
            code="bad_server_url",
            message_en="A server address may not carry a username or password.",
        )
    if scheme == "http" and not is_loopback_host(parts.hostname):
        raise insecure_url_error(url)


# -- certificates --------------------------------------------------------------
def resolve_ca_bundle(explicit: str | Path | None = None) -> str | bool:
    """What ``requests`` verifies against: a CA bundle file, or True (the system list).

    Precedence: the explicit argument (``--ca-bundle``), ``ECABINET_CA_BUNDLE``, the
    app's ``ca_bundle`` setting, then the default list.
    """
    from ecabinet.client import config

    chosen = str(explicit) if explicit else os.environ.get(CA_BUNDLE_ENV, "")
    if not chosen:
        chosen = config.AppConfig().get(config.CA_BUNDLE)
    if not chosen:
        return True
    path = Path(chosen).expanduser()
    if not path.is_file():
        raise InputError(
            f"Không tìm thấy tệp chứng thư CA «{path}». Hãy kiểm tra đường dẫn, hoặc "
            f"{ASK_THE_OFFICE} tệp CA của máy chủ.",
            code="ca_bundle_missing",
            message_en=f"The CA bundle {path} does not exist.",
        )
    return str(path.resolve())


def spki_sha256(der_certificate: bytes) -> str:
    """Hex SHA-256 of a certificate's SubjectPublicKeyInfo (what the pin compares)."""
    public_key = x509.load_der_x509_certificate(der_certificate).public_key()
    spki = public_key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


class TlsKeyChanged(IntegrityError):
    """The server presented a TLS key other than the pinned one: a possible impostor."""

    def __init__(self, expected: str, offered: str) -> None:
        super().__init__(
            "CẢNH BÁO AN NINH: khóa bảo mật (TLS) của máy chủ khác với khóa máy này ghi nhớ "
            "từ lần đăng nhập đầu tiên. Có thể có kẻ đang giả mạo máy chủ. eCabinet đã ngắt "
            "kết nối trước khi gửi bất cứ dữ liệu nào. Đừng tiếp tục và đừng nhập mật khẩu; "
            "hãy gọi điện cho Văn phòng Chính phủ để xác minh.",
            code="tls_key_changed",
            message_en=(
                "SECURITY WARNING: the server's TLS key is not the one this computer pinned "
                f"at its first login (pinned {expected[:16]}…, offered {offered[:16]}…). "
                "Nothing was sent. Do not continue; call the Government Office."
            ),
        )
        self.expected = expected
        self.offered = offered


class TlsPin:
    """The server TLS key a client accepts: the pinned one, else the first it meets."""

    def __init__(self, pinned: str | None = None) -> None:
        self._lock = threading.Lock()
        self.pinned = pinned
        self.seen: str | None = None  # the key of the connections made so far

    def check(self, offered: str) -> None:
        with self._lock:
            expected = self.pinned or self.seen
            if expected is not None and offered != expected:
                raise TlsKeyChanged(expected, offered)
            self.seen = offered


class _PinnedHTTPSConnection(HTTPSConnection):
    pin: TlsPin  # set on the per-client subclass (pool keys cannot carry it)

    def connect(self) -> None:
        super().connect()
        try:
            sock = self.sock
            der = sock.getpeercert(binary_form=True) if hasattr(sock, "getpeercert") else None
            if not der:
                raise ssl.SSLError("the server presented no certificate")
            self.pin.check(spki_sha256(der))
        except BaseException:
            self.close()
            raise


def _pin_pools(manager: PoolManager, pin: TlsPin) -> None:
    connection = type("PinnedHTTPSConnection", (_PinnedHTTPSConnection,), {"pin": pin})
    pool = type("PinnedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": connection})
    manager.pool_classes_by_scheme = {**manager.pool_classes_by_scheme, "https": pool}


class PinningAdapter(HTTPAdapter):
    """HTTPS through connections that check the pinned key before sending anything."""

    def __init__(self, pin: TlsPin, **kwargs: Any) -> None:
        self.pin = pin
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _pin_pools(self.poolmanager, self.pin)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> PoolManager:
        manager: PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if manager.pool_classes_by_scheme["https"].__name__ != "PinnedHTTPSConnectionPool":
            if type(manager).__name__ == "SOCKSProxyManager":
                raise InputError(
                    "eCabinet không hỗ trợ proxy SOCKS; hãy dùng proxy HTTP(S).",
                    code="socks_proxy",
                    message_en="SOCKS proxies are not supported; use an HTTP(S) proxy.",
                )
            _pin_pools(manager, self.pin)
        return manager


class LoopbackHttpAdapter(HTTPAdapter):
    """Plain http only to this computer, checked again for every request."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if not is_loopback_host(urlsplit(request.url or "").hostname or ""):
            raise insecure_url_error(request.url or "")
        return super().send(request, *args, **kwargs)


def mount(session: requests.Session, pin: TlsPin, *, pool_maxsize: int = 8) -> None:
    session.mount("https://", PinningAdapter(pin, pool_connections=2, pool_maxsize=pool_maxsize))
    session.mount("http://", LoopbackHttpAdapter(pool_connections=2, pool_maxsize=pool_maxsize))


# -- errors --------------------------------------------------------------------
def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what it wraps (requests → urllib3 → ssl), breadth first."""
    found: list[BaseException] = []
    queue: list[BaseException] = [exc]
    while queue and len(found) < 20:
        current = queue.pop(0)
        if any(current is f for f in found):
            continue
        found.append(current)
        queue.extend(a for a in current.args if isinstance(a, BaseException))
        for attr in ("reason", "__cause__", "__context__"):
            inner = getattr(current, attr, None)
            if isinstance(inner, BaseException):
                queue.append(inner)
    return found


def tls_error(exc: requests.exceptions.SSLError) -> ECabinetError:
    """A failed TLS handshake, said plainly: an untrusted certificate is not 'offline'."""
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return IntegrityError(
                "Không xác minh được chứng thư số của máy chủ: chứng thư không do cơ quan "
                "chứng thực được tin cậy cấp, đã hết hạn, hoặc không đúng tên máy chủ. Có thể "
                "có kẻ giả mạo máy chủ: đừng tiếp tục. Hãy liên hệ Văn phòng Chính phủ; nếu "
                "máy chủ dùng chứng thư của Ban Cơ yếu Chính phủ, hãy cài tệp CA được cấp "
                "(tùy chọn --ca-bundle hoặc biến môi trường ECABINET_CA_BUNDLE).",
                code="tls_untrusted",
                message_en=(
                    "The server's certificate could not be verified "
                    f"({cause.verify_message or cause}). Do not continue; contact the "
                    "Government Office, or install its CA bundle (--ca-bundle, "
                    "ECABINET_CA_BUNDLE)."
                ),
            )
    return NetworkError(
        "Không thiết lập được kết nối bảo mật (TLS) với máy chủ. Hãy kiểm tra địa chỉ máy "
        f"chủ ({ASK_THE_OFFICE}) và thử lại.",
        code="tls_failed",
        message_en=f"No TLS connection could be made with the server: {exc}",
    )
