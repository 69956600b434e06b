"""The Qt floor for cold_start.py: import PySide6, show a QMainWindow holding a widget,
print when it first paints (the same line format as the app's), quit.

    python bench/qt_floor.py               # a QTreeView (issue 7's floor: the catalogue's widget)
    python bench/qt_floor.py --widget pdf  # a QPdfView (the floor of the earlier reports)
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

STARTED = time.perf_counter()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)  # once this paint is done, as the app does
        return False

    def report(self) -> None:
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        elapsed = time.perf_counter() - STARTED
        print(
            f"first-paint seconds_since_start={elapsed:.3f} documents=0 "
            f"peak_rss_mib={peak_kib / 1024:.1f} cpu_s={time.process_time():.3f}",
            flush=True,
        )
        self.app.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--widget", choices=("tree", "pdf"), default="tree")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    view: QAbstractScrollArea
    if args.widget == "pdf":
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        pdf_view = QPdfView(window)
        pdf_view.setDocument(QPdfDocument(pdf_view))
        pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        view = pdf_view
    else:
        from PySide6.QtWidgets import QTreeView

        view = QTreeView(window)
    window.setCentralWidget(view)
    window.resize(1280, 820)
    watcher = FirstPaint(app)
    view.viewport().installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
