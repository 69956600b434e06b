"""Interface language: Vietnamese first (our translation), English (the source strings)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ecabinet.resources import resource_path

_installed: list[QTranslator] = []


def translation_file(language: str) -> str:
    return str(resource_path("translations", f"ecabinet_{language}.qm"))


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the interface language; widgets retranslate on QEvent.LanguageChange."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(
        QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
    )
    if language == "en":
        return True
    translator = QTranslator(app)
    if not translator.load(translation_file(language)):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
