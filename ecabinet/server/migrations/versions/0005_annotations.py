"""annotations (private ones sealed) and wrapped copies of each user's notes key

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ecabinet.server.db

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    when = ecabinet.server.db.UTCDateTime(timezone=True)
    op.create_table(
        "annotations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("org_id", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("version_sha256", sa.String(length=64), nullable=False),
        sa.Column("visibility", sa.String(length=10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("conflict_of", sa.String(length=36), nullable=True),
        sa.Column("sealed", sa.Text(), nullable=True),
        sa.Column("body_json", sa.Text(), nullable=True),
        sa.Column("last_client_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", when, nullable=False),
        sa.Column("updated_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisations.id"], name=op.f("fk_annotations_org_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_annotations_owner_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_annotations_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_annotations_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotations")),
    )
    with op.batch_alter_table("annotations", schema=None) as batch_op:
        for column in ("owner_id", "meeting_id", "document_id"):
            batch_op.create_index(batch_op.f(f"ix_annotations_{column}"), [column], unique=False)
    op.create_table(
        "notes_devices",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("x25519_public", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("wrapped", sa.String(length=200), nullable=True),
        sa.Column("wrapped_by", sa.String(length=64), nullable=True),
        sa.Column("registered_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["key_id"], ["devices.key_id"], name=op.f("fk_notes_devices_key_id_devices")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notes_devices_user_id_users")
        ),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_notes_devices")),
    )
    with op.batch_alter_table("notes_devices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notes_devices_user_id"), ["user_id"], unique=False)
    op.create_table(
        "notes_recovery",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("blob_json", sa.Text(), nullable=False),
        sa.Column("updated_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notes_recovery_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notes_recovery")),
    )


def downgrade() -> None:
    op.drop_table("notes_recovery")
    with op.batch_alter_table("notes_devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_devices_user_id"))
    op.drop_table("notes_devices")
    with op.batch_alter_table("annotations", schema=None) as batch_op:
        for column in ("owner_id", "meeting_id", "document_id"):
            batch_op.drop_index(batch_op.f(f"ix_annotations_{column}"))
    op.drop_table("annotations")
