"""Only this computer: the app started as `make run` starts it refuses a foreign Host header.

DNS rebinding: a web page served from a host name of the attacker's, which its DNS then
resolves to 127.0.0.1, is "same origin" for the browser, so the Origin check passes. Only the
Host header gives it away: `server.allowedHosts` in .streamlit/config.toml refuses it.
"""

from __future__ import annotations

import base64
import os
import socket

import pytest

from tests.e2e.conftest import AppServer

STREAM = "/_stcore/stream"
SWITCHING = "101"
FORBIDDEN = "403"


def handshake(server: AppServer, host: str) -> str:
    """Open the app's WebSocket as a browser on `host` would, and return the answer's status."""
    origin = f"http://{host}"
    request = "\r\n".join(
        [
            f"GET {STREAM} HTTP/1.1",
            f"Host: {host}",
            f"Origin: {origin}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}",
            "Sec-WebSocket-Version: 13",
            "",
            "",
        ]
    )
    # The attacker's name resolves to this machine: the connection goes to 127.0.0.1.
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        connection.sendall(request.encode("ascii"))
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
    status_line = answer.split(b"\r\n", 1)[0].decode("latin-1")
    return status_line.split(" ")[1] if " " in status_line else status_line


@pytest.mark.parametrize("name", ["localhost", "127.0.0.1"])
def test_the_apps_own_host_names_open_the_websocket(server: AppServer, name: str) -> None:
    assert handshake(server, f"{name}:{server.port}") == SWITCHING


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",
        "evil.example",
        "localhost.evil.example:{port}",
        "127.0.0.1.nip.io:{port}",
    ],
)
def test_a_foreign_host_name_resolving_here_is_refused(server: AppServer, host: str) -> None:
    assert handshake(server, host.format(port=server.port)) == FORBIDDEN
