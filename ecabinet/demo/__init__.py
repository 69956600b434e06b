"""Realistic Vietnamese sample data for demonstrations and tests."""
