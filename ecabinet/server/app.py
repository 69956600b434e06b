"""Build the FastAPI application: migrate the database, wire the routes."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from ecabinet import __version__
from ecabinet.crypto.keys import b64
from ecabinet.server.blobstore import BlobStore
from ecabinet.server.db import make_engine, make_session_factories
from ecabinet.server.deps import AppContext, ContextDep
from ecabinet.server.error_handlers import install_error_handlers
from ecabinet.server.middleware import BodyLimit, LastResort, UrlTextGuard, path_matcher
from ecabinet.server.migrate import upgrade_to_head
from ecabinet.server.openapi import install_openapi
from ecabinet.server.routes import admin, auth, ballots, devices, documents, files, meetings, sync
from ecabinet.server.routes import notes as notes_routes
from ecabinet.server.routes import secretariat as secretariat_routes
from ecabinet.server.services import audit
from ecabinet.server.services.ballot_chain import sign_unsigned_ballots
from ecabinet.server.services.keys import ensure_keys, scrub_old_pages, secrets_moved
from ecabinet.server.services.state import server_state
from ecabinet.server.settings import ServerSettings
from ecabinet.timeutil import isoformat, utcnow


def restrict_modes(settings: ServerSettings) -> None:
    """The data folder and the SQLite files: readable by the server's user only."""
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    settings.data_dir.chmod(0o700)
    if not settings.database_url:
        for suffix in ("", "-wal", "-shm"):
            path = settings.sqlite_path.with_name(settings.sqlite_path.name + suffix)
            if path.exists():
                path.chmod(0o600)


def build_context(settings: ServerSettings) -> AppContext:
    restrict_modes(settings)
    engine = make_engine(settings.resolved_database_url)
    upgrade_to_head(engine)
    restrict_modes(settings)  # the SQLite file exists now
    reader, writer = make_session_factories(engine)
    with writer() as session:
        keys = ensure_keys(session, settings)
        session.info[audit.SIGNER] = keys.signing_key
        if secrets_moved(session):
            audit.record(
                session,
                action="server.secrets_moved",
                actor_user_id=None,
                org_id=None,
                details={"key_file": str(settings.resolved_key_file)},
            )
        audit.sign_head_if_unsigned(session)
        # Ballots issued by a release that did not sign definitions get one now.
        sign_unsigned_ballots(session, keys.signing_key)
        epoch = server_state(session).epoch
        session.commit()
        scrub_old_pages(session, engine)
    for factory in (reader, writer):
        # Every audit event written through the app's sessions is signed with this key.
        factory.configure(info={audit.SIGNER: keys.signing_key})
    blobs = BlobStore(settings.blob_dir)
    for folder in (blobs.root, blobs.tmp):
        folder.chmod(0o700)  # what is inside is made under the server's umask (077)
    return AppContext(
        settings=settings,
        engine=engine,
        reader=reader,
        writer=writer,
        blobs=blobs,
        epoch=epoch,
        keys=keys,
    )


def create_app(settings: ServerSettings, context: AppContext | None = None) -> FastAPI:
    app = FastAPI(
        title="eCabinet sync server",
        version=__version__,
        description="Meetings, papers and written opinions of a Government, synced to laptops.",
    )
    ctx: AppContext = context or build_context(settings)
    app.state.ctx = ctx
    install_error_handlers(app)
    routers = [
        module.router
        for module in (
            auth,
            meetings,
            documents,
            files,
            sync,
            admin,
            ballots,
            devices,
            notes_routes,
            secretariat_routes,
        )
    ]
    for router in routers:
        app.include_router(router)
    # PDF uploads stream to disk under their own, larger limit (max_upload_bytes).
    streamed = [
        route.path_regex
        for route in documents.router.routes
        if isinstance(route, APIRoute) and route.endpoint in documents.PDF_UPLOADS
    ]
    app.add_middleware(BodyLimit, limit=ctx.settings.max_body_bytes, exempt=path_matcher(streamed))
    app.add_middleware(UrlTextGuard)
    app.add_middleware(LastResort)  # outermost of ours: sees what the others let through
    install_openapi(app, routers)

    @app.get("/healthz", tags=["meta"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/v1/server-info", tags=["meta"])
    def server_info(ctx: ContextDep) -> dict[str, Any]:
        return {
            "name": "ecabinet",
            "version": __version__,
            "epoch": ctx.epoch,
            "server_time": isoformat(utcnow()),
            "max_upload_bytes": ctx.settings.max_upload_bytes,
            "max_body_bytes": ctx.settings.max_body_bytes,
            # Receipts are signed with this key; clients pin it at their first login.
            "server_key": {
                "key_id": ctx.signing_key.key_id,
                "public_key": b64(ctx.signing_key.public_bytes),
            },
            # Every key the server ever signed with, oldest first, each endorsed by the
            # one before it (ecabinet.crypto.server_keys.trusted_keys follows the chain).
            "server_keys": ctx.keys.published(),
            "offline_access_days": ctx.settings.offline_access_days,
        }

    return app
