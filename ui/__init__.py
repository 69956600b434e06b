"""The PySide6 desktop front end. It calls the core (``ecabinet``); the core calls back
through plain callbacks, which ``ui`` turns into Qt signals."""
