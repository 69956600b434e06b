"""Pull and push (docs/sync-protocol.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ecabinet.server.deps import ContextDep, CurrentUser, ReadSession, WriteSession
from ecabinet.server.fields import Line
from ecabinet.server.schemas import PullOut, PushIn
from ecabinet.server.services import changes, dashboard, push

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])


@router.get("/pull")
def pull(
    session: ReadSession,
    user: CurrentUser,
    ctx: ContextDep,
    cursor: Annotated[Line | None, Query(max_length=200)] = None,
    limit: int | None = Query(default=None, ge=1, le=5000),
) -> PullOut:
    page = changes.pull(
        session, user=user, cursor=cursor, limit=limit or ctx.settings.pull_page_size
    )
    seq = changes.cursor_seq(page.cursor)
    # This device now holds everything up to the cursor: for the secretariat's dashboard.
    if not page.has_more and dashboard.pull_mark_stale(session, user_id=user.id, seq=seq):
        with ctx.writer() as writer:
            dashboard.record_pull(writer, user_id=user.id, seq=seq)
    return PullOut(cursor=page.cursor, has_more=page.has_more, changes=page.changes)


@router.post("/push")
def push_mutations(
    body: PushIn, session: WriteSession, user: CurrentUser, ctx: ContextDep
) -> dict[str, Any]:
    results = push.push(
        session,
        user=user,
        client_id=body.client_id,
        mutations=[push.Mutation(m.mutation_id, m.type, m.payload) for m in body.mutations],
        signing_key=ctx.signing_key,
    )
    session.commit()
    return {"results": [r.as_dict() for r in results]}
