"""The sync server: FastAPI routes over a service layer over SQLAlchemy."""
