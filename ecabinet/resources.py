"""Where the shipped resources (fonts, translations, sample data) live."""

from pathlib import Path


def resource_path(*parts: str) -> Path:
    return Path(__file__).resolve().parent.parent / "resources" / Path(*parts)
