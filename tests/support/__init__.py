"""Helpers for the test suite: a real server process, real PDFs, a real keyring backend."""
