"""RFC 8785 (JSON Canonicalization Scheme): one byte string per JSON value."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import rfc8785


def canonical_bytes(value: Any) -> bytes:
    data: bytes = rfc8785.dumps(value)
    return data


def canonical_text(value: Any) -> str:
    return canonical_bytes(value).decode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class NotCanonical(ValueError):
    pass


def parse_canonical(text: str) -> dict[str, Any]:
    """Parse a JSON object that must already be in canonical form."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise NotCanonical(f"not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise NotCanonical("not a JSON object")
    try:
        again = canonical_text(value)
    except (rfc8785.CanonicalizationError, ValueError, TypeError) as exc:
        raise NotCanonical(str(exc)) from exc
    if again != text:
        raise NotCanonical("not in RFC 8785 canonical form")
    return value
