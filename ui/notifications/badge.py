"""The toolbar's bell with the number of unseen notices drawn on its corner."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QIconEngine, QPainter, QPixmap

from ui.theme.icons import icon

BADGE = QColor("#b3261e")  # the same red as "not answered"; white figures on it


class BadgeEngine(QIconEngine):
    """Draws the bell in the palette of the moment (ui/theme/icons.py), so a palette
    change needs no new icon, and the count, if any, in a red disc at the top right."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        icon("notifications", accent=False).paint(painter, rect, mode=mode, state=state)
        if self.count <= 0:
            return
        text = str(self.count) if self.count < 100 else "99+"
        side = rect.height() * 0.5
        width = max(side, side * 0.5 * len(text) + side * 0.2)
        disc = QRectF(rect.right() + 1 - width, rect.top(), width, side)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE)
        painter.drawRoundedRect(disc, side / 2, side / 2)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(1, round(side * 0.75)))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return BadgeEngine(self.count)


def bell(count: int) -> QIcon:
    return QIcon(BadgeEngine(count))
