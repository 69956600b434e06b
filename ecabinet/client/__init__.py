"""The sync client: HTTP API, credentials, file cache, sync engine, workspace."""
