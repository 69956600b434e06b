"""Signing: RFC 8785 canonical JSON, Ed25519 keys, opinion envelopes and receipts."""
