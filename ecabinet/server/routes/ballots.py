"""Ballots: issue, open, close, extend, change who is asked; progress, bundle; opinions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ecabinet.server.deps import ContextDep, CurrentUser, ReadSession, WriteSession
from ecabinet.server.errors import ApiError
from ecabinet.server.fields import BallotIdPath, MeetingIdPath, OptionalUuidQuery
from ecabinet.server.schemas import BallotCreate, DeadlineIn, EligibleIn, OpinionIn
from ecabinet.server.services import ballot_results, ballots, opinions
from ecabinet.server.services.access import require_agenda_item, require_meeting
from ecabinet.server.services.ballot_access import ballot_payload, require_ballot

router = APIRouter(prefix="/api/v1", tags=["ballots"])
Json = dict[str, Any]


@router.post("/meetings/{meeting_id}/ballots", status_code=201)
def create_ballot(
    meeting_id: MeetingIdPath,
    body: BallotCreate,
    session: WriteSession,
    user: CurrentUser,
    ctx: ContextDep,
) -> Json:
    meeting = require_meeting(session, user, meeting_id)
    if body.agenda_item_id:
        require_agenda_item(session, user, body.agenda_item_id)
    ballot = ballots.create_ballot(
        session,
        actor=user,
        meeting=meeting,
        question=body.question,
        deadline=body.deadline,
        agenda_item_id=body.agenda_item_id,
        document_id=body.document_id,
        document_ids=body.document_ids,
        eligible=body.eligible,
        comment_required=body.comment_required,
        membership_total=body.membership_total,
        open_now=body.open,
        signing_key=ctx.signing_key,
    )
    session.commit()
    return ballot_payload(session, ballot)


@router.get("/ballots")
def list_ballots(
    session: ReadSession, user: CurrentUser, meeting_id: OptionalUuidQuery = None
) -> list[Json]:
    return [
        ballot_payload(session, b)
        for b in ballots.list_ballots(session, user=user, meeting_id=meeting_id)
    ]


@router.get("/ballots/{ballot_id}")
def get_ballot(ballot_id: BallotIdPath, session: ReadSession, user: CurrentUser) -> Json:
    return ballot_payload(session, require_ballot(session, user, ballot_id))


@router.post("/ballots/{ballot_id}/open")
def open_ballot(
    ballot_id: BallotIdPath, session: WriteSession, user: CurrentUser, ctx: ContextDep
) -> Json:
    ballot = ballots.open_ballot(
        session,
        actor=user,
        ballot=require_ballot(session, user, ballot_id),
        signing_key=ctx.signing_key,
    )
    session.commit()
    return ballot_payload(session, ballot)


@router.post("/ballots/{ballot_id}/close")
def close_ballot(
    ballot_id: BallotIdPath, session: WriteSession, user: CurrentUser, ctx: ContextDep
) -> Json:
    ballot = ballots.close_ballot(
        session,
        actor=user,
        ballot=require_ballot(session, user, ballot_id),
        signing_key=ctx.signing_key,
    )
    session.commit()
    return ballot_payload(session, ballot)


@router.post("/ballots/{ballot_id}/extend")
def extend_ballot(
    ballot_id: BallotIdPath,
    body: DeadlineIn,
    session: WriteSession,
    user: CurrentUser,
    ctx: ContextDep,
) -> Json:
    ballot = ballots.extend_deadline(
        session,
        actor=user,
        ballot=require_ballot(session, user, ballot_id),
        deadline=body.deadline,
        signing_key=ctx.signing_key,
    )
    session.commit()
    return ballot_payload(session, ballot)


@router.put("/ballots/{ballot_id}/eligible")
def set_eligible(
    ballot_id: BallotIdPath,
    body: EligibleIn,
    session: WriteSession,
    user: CurrentUser,
    ctx: ContextDep,
) -> Json:
    """Change the members asked (a new signed definition version once issued)."""
    ballot = ballots.set_eligible(
        session,
        actor=user,
        ballot=require_ballot(session, user, ballot_id),
        user_ids=body.user_ids,
        signing_key=ctx.signing_key,
    )
    session.commit()
    return ballot_payload(session, ballot)


@router.get("/ballots/{ballot_id}/progress")
def ballot_progress(ballot_id: BallotIdPath, session: ReadSession, user: CurrentUser) -> Json:
    return ballot_results.progress(
        session, actor=user, ballot=require_ballot(session, user, ballot_id)
    )


@router.get("/ballots/{ballot_id}/bundle")
def ballot_bundle(
    ballot_id: BallotIdPath, session: WriteSession, user: CurrentUser, ctx: ContextDep
) -> Json:
    """The result bundle. A write: a ballot past its deadline is sealed first, once."""
    result = ballot_results.bundle(
        session,
        actor=user,
        ballot=require_ballot(session, user, ballot_id),
        signing_key=ctx.signing_key,
        # A reader who trusts an older key follows the rotation to the current one.
        endorsements=[key["endorsement"] for key in ctx.keys.published()],
    )
    session.commit()
    return result


@router.post("/ballots/{ballot_id}/opinions")
def submit_opinion(
    ballot_id: BallotIdPath,
    body: OpinionIn,
    session: WriteSession,
    user: CurrentUser,
    ctx: ContextDep,
) -> Json:
    """Submit one signed opinion directly (the app uses the push outbox instead)."""
    try:
        result = opinions.submit_direct(
            session,
            user=user,
            signing_key=ctx.signing_key,
            ballot_id=ballot_id,
            client_id=body.client_id,
            mutation_id=body.mutation_id,
            envelope=body.envelope,
            signature=body.signature,
        )
    except opinions.OpinionRefused as exc:
        status = {"malformed_envelope": 422, "wrong_identity": 422, "not_found": 404}.get(
            exc.code, 403
        )
        raise ApiError(status, exc.code, exc.message, exc.message_en) from None
    session.commit()
    return result
