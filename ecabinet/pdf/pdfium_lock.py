"""One lock for every use of pdfium (pypdfium2) in the process.

pdfium is not thread-safe, not even across different documents: the sync engine
(indexing text for search), re-anchoring and the app's workers take this lock around
each use, so only one thread is ever inside pdfium.
"""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
