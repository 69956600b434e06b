"""login sessions, login throttle, signed audit heads, secrets out of the database

Each refresh-token family becomes a login session (the family id is the session id
that access tokens already carry), so nobody is logged out by the upgrade. The
secrets themselves move to the key file at the next start (services/keys.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import ecabinet.server.db

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

UTC_TYPE = ecabinet.server.db.UTCDateTime(timezone=True)


def _sessions_from_families() -> None:
    """A session per family that still has a usable token; the others are dropped."""
    tokens = sa.table(
        "refresh_tokens",
        sa.column("id", sa.String),
        sa.column("user_id", sa.String),
        sa.column("family_id", sa.String),
        sa.column("client_label", sa.String),
        sa.column("created_at", UTC_TYPE),
        sa.column("expires_at", UTC_TYPE),
        sa.column("used_at", UTC_TYPE),
        sa.column("revoked_at", UTC_TYPE),
    )
    login_sessions = sa.table(
        "login_sessions",
        sa.column("id", sa.String),
        sa.column("user_id", sa.String),
        sa.column("device_key_id", sa.String),
        sa.column("client_label", sa.String),
        sa.column("source", sa.String),
        sa.column("created_at", UTC_TYPE),
        sa.column("last_used_at", UTC_TYPE),
        sa.column("idle_expires_at", UTC_TYPE),
        sa.column("absolute_expires_at", UTC_TYPE),
    )
    conn = op.get_bind()
    now = datetime.now(UTC)
    families: dict[str, list[sa.Row[tuple[object, ...]]]] = {}
    for row in conn.execute(sa.select(tokens)):
        families.setdefault(row.family_id, []).append(row)
    dead: list[str] = []
    for family_id, rows in families.items():
        live = [
            r for r in rows if r.used_at is None and r.revoked_at is None and r.expires_at > now
        ]
        if not live:
            dead.append(family_id)
            continue
        current = live[-1]
        conn.execute(
            login_sessions.insert().values(
                id=family_id,
                user_id=current.user_id,
                device_key_id=None,
                client_label=current.client_label,
                source="",
                created_at=min(r.created_at for r in rows),
                last_used_at=current.created_at,
                idle_expires_at=current.expires_at,
                absolute_expires_at=current.expires_at,
            )
        )
    for start in range(0, len(dead), 500):
        conn.execute(tokens.delete().where(tokens.c.family_id.in_(dead[start : start + 500])))


def upgrade() -> None:
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("device_key_id", sa.String(length=64), nullable=True),
        sa.Column("client_label", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC_TYPE, nullable=False),
        sa.Column("last_used_at", UTC_TYPE, nullable=False),
        sa.Column("idle_expires_at", UTC_TYPE, nullable=False),
        sa.Column("absolute_expires_at", UTC_TYPE, nullable=False),
        sa.Column("ended_at", UTC_TYPE, nullable=True),
        sa.Column("end_reason", sa.String(length=30), nullable=True),
        sa.Column("ended_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_login_sessions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_sessions")),
    )
    with op.batch_alter_table("login_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_sessions_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_login_sessions_device_key_id"), ["device_key_id"], unique=False
        )

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", UTC_TYPE, nullable=False),
        sa.Column("blocked_until", UTC_TYPE, nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_login_throttle_last_failure_at"), ["last_failure_at"], unique=False
        )

    _sessions_from_families()

    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_index("ix_refresh_tokens_family_id")
        batch_op.alter_column(
            "family_id", new_column_name="session_id", existing_type=sa.String(length=36)
        )
        batch_op.drop_column("client_label")
        batch_op.drop_column("revoked_at")
        batch_op.add_column(sa.Column("replayed_at", UTC_TYPE, nullable=True))
        batch_op.add_column(sa.Column("successor_id", sa.String(length=36), nullable=True))
        batch_op.add_column(
            sa.Column("access_claims_json", sa.Text(), nullable=False, server_default="{}")
        )
        batch_op.add_column(
            sa.Column("kid", sa.String(length=40), nullable=False, server_default="")
        )
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_refresh_tokens_session_id"), ["session_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_refresh_tokens_session_id_login_sessions"),
            "login_sessions",
            ["session_id"],
            ["id"],
        )

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("head_signature", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("head_key_id", sa.String(length=64), nullable=True))

    with op.batch_alter_table("server_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signing_key_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    # Secrets stay in the key file: a downgraded server would need them put back by hand.
    with op.batch_alter_table("server_state", schema=None) as batch_op:
        batch_op.drop_column("signing_key_id")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("head_key_id")
        batch_op.drop_column("head_signature")
    with op.batch_alter_table("refresh_tokens", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_refresh_tokens_session_id_login_sessions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_refresh_tokens_session_id"))
        batch_op.drop_column("kid")
        batch_op.drop_column("access_claims_json")
        batch_op.drop_column("successor_id")
        batch_op.drop_column("replayed_at")
        batch_op.add_column(sa.Column("revoked_at", UTC_TYPE, nullable=True))
        batch_op.add_column(
            sa.Column("client_label", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.alter_column(
            "session_id", new_column_name="family_id", existing_type=sa.String(length=36)
        )
        batch_op.create_index("ix_refresh_tokens_family_id", ["family_id"], unique=False)
    with op.batch_alter_table("login_throttle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_throttle_last_failure_at"))
    op.drop_table("login_throttle")
    with op.batch_alter_table("login_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_sessions_device_key_id"))
        batch_op.drop_index(batch_op.f("ix_login_sessions_user_id"))
    op.drop_table("login_sessions")
