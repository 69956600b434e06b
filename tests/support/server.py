"""The real sync server in a subprocess on loopback, started and stopped by tests."""

from __future__ import annotations

from collections.abc import Callable

from ecabinet.server.process import ServerProcess

ServerFactory = Callable[..., ServerProcess]

__all__ = ["ServerFactory", "ServerProcess"]
