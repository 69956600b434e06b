"""The laptop's local store: what was synced, the outbox, file states. SQLite, one writer."""
