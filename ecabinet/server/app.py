"""Build the FastAPI application: migrate the database, wire the routes."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from ecabinet import __version__
from ecabinet.crypto.keys import SigningKey, b64
from ecabinet.server.blobstore import BlobStore
from ecabinet.server.db import make_engine, make_session_factories
from ecabinet.server.deps import AppContext, ContextDep
from ecabinet.server.error_handlers import install_error_handlers
from ecabinet.server.middleware import BodyLimit, LastResort, UrlTextGuard, path_matcher
from ecabinet.server.migrate import upgrade_to_head
from ecabinet.server.openapi import install_openapi
from ecabinet.server.routes import admin, auth, ballots, devices, documents, files, meetings, sync
from ecabinet.server.services.ballot_chain import sign_unsigned_ballots
from ecabinet.server.services.state import ensure_server_state
from ecabinet.server.settings import ServerSettings
from ecabinet.timeutil import isoformat, utcnow


def build_context(settings: ServerSettings) -> AppContext:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.resolved_database_url)
    upgrade_to_head(engine)
    reader, writer = make_session_factories(engine)
    with writer() as session:
        state = ensure_server_state(session)
        secret, epoch = state.token_secret, state.epoch
        signing_key = SigningKey.from_b64(state.signing_seed or "")
        # Ballots issued by a release that did not sign definitions get one now.
        sign_unsigned_ballots(session, signing_key)
        session.commit()
    return AppContext(
        settings=settings,
        engine=engine,
        reader=reader,
        writer=writer,
        blobs=BlobStore(settings.blob_dir),
        token_secret=secret,
        epoch=epoch,
        signing_key=signing_key,
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
        for module in (auth, meetings, documents, files, sync, admin, ballots, devices)
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
        }

    return app
