"""Transport attacks: plain http, an unknown CA, a wrong name, a server key that changes.

The real server serves HTTPS with certificates from a CA made in the test
(``support/tls.py``); the clients are the real CLI and ``ApiClient``. What reaches the
wire is judged by listeners of the test's own, by the server's access log, and by
``openssl s_client``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from support.actors import PASSWORD, Clerk
from support.cli import cli_json, run_cli
from support.listeners import RecordingListener, non_loopback_host
from support.server import ServerFactory, ServerProcess
from support.tls import CertificateAuthority, ServerCertificate, TlsMaterial

from ecabinet.client.api import ApiClient
from ecabinet.client.profile import normalise_server_url
from ecabinet.client.transport import CA_BUNDLE_ENV, TlsKeyChanged, is_loopback_host
from ecabinet.client.workspace import Workspace
from ecabinet.errors import InputError, IntegrityError, NetworkError


@pytest.fixture(scope="module")
def backend() -> str:
    # Transport does not depend on the database; the server tests cover both backends.
    return "sqlite"


def _sync(server_url: str, profile: Path, *extra: str, password: bool = False) -> tuple[int, dict]:
    args = ["sync", "--server", server_url, "--username", "bt.taichinh",
            "--profile-dir", profile, "--json", *extra]  # fmt: skip
    if password:
        args.append("--password-stdin")
    result = run_cli(*args, stdin=PASSWORD + "\n" if password else None, check=False)
    try:
        summary = json.loads(result.stdout) if result.stdout.strip() else {}
    except ValueError:
        summary = {}
    summary["_stderr"] = result.stderr
    return result.returncode, summary


def _requests_seen(server: ServerProcess) -> list[str]:
    """Request lines in the server's access log (``--log-level debug`` turns it on)."""
    return re.findall(r'"((?:GET|POST|HEAD|PUT|DELETE) [^ ]+)', server.log())


def _restart_with(server: ServerProcess, cert: ServerCertificate, ca: Path) -> None:
    server.stop()
    server.tls_cert, server.tls_key, server.ca_bundle = cert.cert_path, cert.key_path, ca
    server.start()


def _openssl_spki_sha256(cert_pem: bytes) -> str:
    """The SPKI hash computed by openssl alone, as an independent judge of the pin."""
    pubkey = subprocess.run(
        ["openssl", "x509", "-pubkey", "-noout"], input=cert_pem, capture_output=True, check=True
    ).stdout
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"],
        input=pubkey,
        capture_output=True,
        check=True,
    ).stdout
    digest = subprocess.run(
        ["openssl", "dgst", "-sha256", "-r"], input=der, capture_output=True, check=True
    ).stdout
    return digest.split()[0].decode()


def test_the_server_speaks_tls_with_the_certificate_made_for_it(
    server_factory: ServerFactory, test_tls: TlsMaterial, tmp_path: Path
) -> None:
    server = server_factory()
    assert server.url.startswith("https://127.0.0.1:")
    assert f"listening on {server.url}" in server.log()
    # openssl, not our code, says the handshake verifies against the test CA.
    shown = subprocess.run(
        ["openssl", "s_client", "-connect", f"127.0.0.1:{server.port}", "-CAfile",
         str(test_tls.ca.cert_path), "-verify_return_error", "-verify_ip", "127.0.0.1",
         "-showcerts"],
        input=b"", capture_output=True, timeout=30, check=False,
    )  # fmt: skip
    out = shown.stdout.decode(errors="replace")
    assert shown.returncode == 0, out + shown.stderr.decode(errors="replace")
    assert "Verify return code: 0 (ok)" in out
    leaf = re.search(
        rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----\n", shown.stdout, re.S
    )
    assert leaf is not None
    # Plain http to the TLS port gets nothing useful.
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{server.port}/healthz", timeout=5)

    # The fingerprint the minister is shown is the one openssl computes from the wire.
    code, first = _sync(server.url, tmp_path / "laptop", password=True)
    assert code == 0, first
    identity = first["server_identity"]
    assert identity["pinned_now"] is True
    assert identity["tls_spki_sha256"] == _openssl_spki_sha256(leaf.group(0))
    assert identity["tls_spki_sha256"] == test_tls.server.spki_sha256
    assert identity["receipt_key_id"] and len(identity["receipt_key_fingerprint"]) == 79
    status = cli_json("status", "--profile-dir", tmp_path / "laptop", "--json")
    assert status["server_identity"] == {k: v for k, v in identity.items() if k != "pinned_now"}
    human = run_cli(
        "sync", "--server", server.url, "--username", "bt.taichinh", "--profile-dir",
        tmp_path / "other-laptop", "--password-stdin", stdin=PASSWORD + "\n",
    ).stdout  # fmt: skip
    assert "Đã ghi nhớ định danh máy chủ" in human
    assert identity["tls_fingerprint"] in human
    again = run_cli("sync", "--server", server.url, "--username", "bt.taichinh",
                    "--profile-dir", tmp_path / "other-laptop").stdout  # fmt: skip
    assert "Đã ghi nhớ" not in again  # shown at the first login only
    assert (
        identity["tls_fingerprint"]
        in run_cli("status", "--profile-dir", tmp_path / "other-laptop").stdout
    )


def test_plain_http_to_another_computer_is_refused_before_any_connection(
    tmp_path: Path,
) -> None:
    listener = RecordingListener("0.0.0.0")
    host = non_loopback_host()
    url = f"http://{host}:{listener.port}"
    # Control: the listener does hear a client that does not refuse.
    with contextlib.suppress(requests.RequestException):
        requests.post(url + "/api/v1/auth/login", json={"password": "control"}, timeout=5)
    try:
        listener.wait_for(1)
        assert b"control" in listener.everything(), f"the listener cannot hear {url}"

        with pytest.raises(InputError) as refused:
            ApiClient(url).login("bt.taichinh", "mat-khau-that")
        assert refused.value.code == "insecure_url"
        assert "https://" in refused.value.message
        assert "Văn phòng Chính phủ" in refused.value.message

        result = run_cli(
            "sync", "--server", url, "--username", "bt.taichinh", "--password-stdin",
            "--profile-dir", tmp_path / "laptop", stdin="mat-khau-that\n", check=False,
        )  # fmt: skip
        assert result.returncode == 2
        assert "insecure_url" in result.stderr and "https://" in result.stderr
        # A last connection of our own: anything the client had sent is read before it.
        with socket.create_connection((host, listener.port), timeout=5) as last:
            last.sendall(b"GET /last HTTP/1.1\r\n\r\n")
        listener.wait_for(2)
        assert listener.connections == 2  # the control and the last one: none from the client
        assert b"mat-khau-that" not in listener.everything()
    finally:
        listener.close()


def test_which_addresses_count_as_this_computer() -> None:
    for host in ("127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LocalHost."):
        assert is_loopback_host(host), host
    for host in ("127.0.0.1.example.vn", "localhost.example.vn", "0.0.0.0", "192.0.2.2",
                 "10.0.0.1", "ecabinet.chinhphu.vn", "", "::"):  # fmt: skip
        assert not is_loopback_host(host), host
    # A bare host means https; the scheme is kept when typed, in any case.
    assert normalise_server_url(" ecabinet.chinhphu.vn/ ") == "https://ecabinet.chinhphu.vn"
    assert normalise_server_url("HTTP://127.0.0.1:8740") == "http://127.0.0.1:8740"
    for bad in ("ftp://ecabinet.chinhphu.vn", "https://user:pw@ecabinet.chinhphu.vn"):
        with pytest.raises(InputError):
            ApiClient(bad).server_info()


def test_plain_http_on_loopback_still_works(server_factory: ServerFactory, tmp_path: Path) -> None:
    server = server_factory(tls=False)
    assert server.url.startswith("http://127.0.0.1:")
    clerk = Clerk(server.url)
    clerk.create_meeting("Phiên họp thử trên máy", ["bt.taichinh"])
    code, summary = _sync(server.url, tmp_path / "laptop", password=True)
    assert code == 0, summary
    assert summary["server_identity"]["tls_spki_sha256"] is None
    assert summary["server_identity"]["receipt_key_id"]


def test_a_certificate_from_an_unknown_ca_is_refused(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory("--log-level", "debug")
    rogue_ca = CertificateAuthority(tmp_path / "rogue-ca", name="Not the Government CA")
    _restart_with(server, rogue_ca.issue("rogue"), rogue_ca.cert_path)
    seen_before = len(_requests_seen(server))

    with pytest.raises(IntegrityError) as refused:
        ApiClient(server.url).login("bt.taichinh", PASSWORD)
    assert refused.value.code == "tls_untrusted"
    assert "Văn phòng Chính phủ" in refused.value.message
    code, summary = _sync(server.url, tmp_path / "laptop", password=True)
    assert code == 2 and "tls_untrusted" in summary["_stderr"]
    assert "Traceback" not in summary["_stderr"]
    assert _requests_seen(server)[seen_before:] == []  # no request got through

    # The Government Office hands out its CA: with it, the same server is trusted.
    code, summary = _sync(server.url, tmp_path / "laptop", "--ca-bundle",
                          str(rogue_ca.cert_path), password=True)  # fmt: skip
    assert code == 0, summary


def test_the_ca_bundle_comes_from_the_environment_or_the_settings(
    server_factory: ServerFactory, test_tls: TlsMaterial, tmp_path: Path
) -> None:
    server = server_factory()
    env = {k: v for k, v in os.environ.items() if k not in {CA_BUNDLE_ENV, "REQUESTS_CA_BUNDLE"}}
    home = tmp_path / "home"
    home.mkdir()
    env["ECABINET_HOME"] = str(home)

    def sync(profile: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ecabinet", "sync", "--server", server.url, "--username",
             "bt.taichinh", "--password-stdin", "--profile-dir", str(tmp_path / profile)],
            input=PASSWORD + "\n", env=env, capture_output=True, text=True, timeout=120,
            check=False,
        )  # fmt: skip

    untrusted = sync("a")
    assert untrusted.returncode == 2 and "tls_untrusted" in untrusted.stderr
    (home / "config.json").write_text(json.dumps({"ca_bundle": str(test_tls.ca.cert_path)}))
    assert sync("b").returncode == 0
    (home / "config.json").write_text(json.dumps({"ca_bundle": str(tmp_path / "missing.pem")}))
    missing = sync("c")
    assert missing.returncode == 2 and "ca_bundle_missing" in missing.stderr
    env[CA_BUNDLE_ENV] = str(test_tls.ca.cert_path)  # the variable wins over the setting
    assert sync("d").returncode == 0


def test_a_certificate_for_another_name_is_refused(test_tls: TlsMaterial) -> None:
    # Issued by the trusted CA, but for another server's name.
    elsewhere = test_tls.ca.issue("elsewhere", hosts=("ecabinet.example.vn",))
    listener = RecordingListener("127.0.0.1", tls=(elsewhere.cert_path, elsewhere.key_path))
    try:
        with pytest.raises(IntegrityError) as refused:
            ApiClient(f"https://127.0.0.1:{listener.port}").login("bt.taichinh", "bi-mat-123")
        assert refused.value.code == "tls_untrusted"
        listener.wait_for(1)
        assert listener.everything() == b""
    finally:
        listener.close()


def test_a_changed_server_key_is_refused_loudly_and_nothing_is_sent(
    server_factory: ServerFactory, test_tls: TlsMaterial, tmp_path: Path
) -> None:
    server = server_factory("--log-level", "debug")
    clerk = Clerk(server.url)
    clerk.create_meeting("Phiên họp Chính phủ thường kỳ", ["bt.taichinh"])
    profile = tmp_path / "laptop"
    code, first = _sync(server.url, profile, password=True)
    assert code == 0, first
    pinned = first["server_identity"]["tls_spki_sha256"]

    # Same CA, same name, a new key: valid for any CA check, not for the pin.
    _restart_with(server, test_tls.ca.issue("new-key"), test_tls.ca.cert_path)
    seen_before = len(_requests_seen(server))
    code, summary = _sync(server.url, profile)  # with the remembered session
    assert code == 1
    assert [e["code"] for e in summary["errors"]] == ["tls_key_changed"]
    assert "Văn phòng Chính phủ" in summary["errors"][0]["message"]
    code, summary = _sync(server.url, profile, password=True)  # typing the password again
    assert code == 2 and "tls_key_changed" in summary["_stderr"]
    assert "CẢNH BÁO" in summary["_stderr"]
    assert _requests_seen(server)[seen_before:] == []  # no token, no password arrived
    status = cli_json("status", "--profile-dir", profile, "--json")
    assert status["server_identity"]["tls_spki_sha256"] == pinned  # the pin did not move

    # A renewed certificate for the original key is accepted.
    renewed = test_tls.ca.issue("renewed", key=test_tls.server.key)
    assert renewed.certificate.serial_number != test_tls.server.certificate.serial_number
    _restart_with(server, renewed, test_tls.ca.cert_path)
    code, summary = _sync(server.url, profile)
    assert code == 0, summary
    assert summary["server_identity"]["tls_spki_sha256"] == pinned


def test_the_pin_is_checked_before_the_request_is_written(
    test_tls: TlsMaterial, tmp_path: Path
) -> None:
    impostor = test_tls.ca.issue("impostor")
    listener = RecordingListener("127.0.0.1", tls=(impostor.cert_path, impostor.key_path))
    url = f"https://127.0.0.1:{listener.port}"
    try:
        with pytest.raises(TlsKeyChanged) as refused:
            ApiClient(url, tls_pin=test_tls.server.spki_sha256).login("bt.taichinh", "bi-mat-123")
        assert refused.value.code == "tls_key_changed"
        listener.wait_for(1)
        assert listener.handshakes == 1  # the client did reach it, and then sent nothing
        assert listener.everything() == b""

        # Control: with the impostor's own key pinned, the same listener hears the password.
        with pytest.raises(NetworkError):  # it hangs up without answering
            ApiClient(url, tls_pin=impostor.spki_sha256).login("bt.taichinh", "bi-mat-123")
        listener.wait_for(2)
        assert b"bi-mat-123" in listener.everything()
    finally:
        listener.close()


def test_a_profile_opens_offline_whatever_its_address(tmp_path: Path) -> None:
    # A profile made against a plain-http server elsewhere (before this release) still
    # opens and shows what it holds; only talking to that server is refused.
    url = "http://ecabinet.example.vn"
    workspace = Workspace(tmp_path / "laptop", server_url=url)
    try:
        assert workspace.status()["server_identity"]["tls_spki_sha256"] is None
        with pytest.raises(InputError) as refused:
            workspace.login("bt.taichinh", PASSWORD)
        assert refused.value.code == "insecure_url"
    finally:
        workspace.close()


def test_serve_refuses_tls_files_that_cannot_serve(test_tls: TlsMaterial, tmp_path: Path) -> None:
    other = test_tls.ca.issue("other")
    cases = {
        "a certificate without its key": ["--tls-cert", str(test_tls.server.cert_path)],
        "a key that is not the certificate's": [
            "--tls-cert", str(test_tls.server.cert_path), "--tls-key", str(other.key_path)
        ],
        "a certificate that is not there": [
            "--tls-cert", str(tmp_path / "none.pem"), "--tls-key", str(other.key_path)
        ],
    }  # fmt: skip
    for case, args in cases.items():
        port_file = tmp_path / "port"
        result = run_cli("serve", "--data-dir", tmp_path / "data", "--port", "0",
                         "--port-file", port_file, *args, check=False, timeout=60)  # fmt: skip
        assert result.returncode == 2, case
        assert "bad_tls_files" in result.stderr, case
        assert not port_file.exists(), case  # it never listened
