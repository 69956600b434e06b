"""Build the FastAPI application: migrate the database, wire the routes."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ecabinet import __version__
from ecabinet.crypto.keys import SigningKey, b64
from ecabinet.server.blobstore import BlobStore
from ecabinet.server.db import make_engine, make_session_factories
from ecabinet.server.deps import AppContext, ContextDep
from ecabinet.server.errors import ApiError
from ecabinet.server.migrate import upgrade_to_head
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


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in exc.errors()
    ]
    first = details[0] if details else {"loc": [], "msg": ""}
    where = ".".join(str(p) for p in first["loc"])
    return JSONResponse(
        {
            "error": {
                "code": "invalid_request",
                "message": f"Dữ liệu gửi lên không hợp lệ ({where}: {first['msg']}).",
                "message_en": f"Invalid request ({where}: {first['msg']}).",
                "details": details,
            }
        },
        status_code=422,
    )


def create_app(settings: ServerSettings, context: AppContext | None = None) -> FastAPI:
    app = FastAPI(
        title="eCabinet sync server",
        version=__version__,
        description="Meetings, papers and written opinions of a Government, synced to laptops.",
    )
    app.state.ctx = context or build_context(settings)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for module in (auth, meetings, documents, files, sync, admin, ballots, devices):
        app.include_router(module.router)

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
            # Receipts are signed with this key; clients pin it at their first login.
            "server_key": {
                "key_id": ctx.signing_key.key_id,
                "public_key": b64(ctx.signing_key.public_bytes),
            },
        }

    return app
