"""secretariat: notifications pulled for this member, each version's change note

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 11:00:00.000000

Notices are immutable copies of the server's; ``seen_at`` is this device's own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("meeting_id", sa.String(64), nullable=True),
        sa.Column("subject_id", sa.String(64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("seen_at", sa.String(40), nullable=True),
    )
    op.create_index("ix_notifications_created_at", "notifications", ["created_at"])
    with op.batch_alter_table("document_versions") as batch_op:
        batch_op.add_column(sa.Column("change_note", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("document_versions") as batch_op:
        batch_op.drop_column("change_note")
    op.drop_index("ix_notifications_created_at", "notifications")
    op.drop_table("notifications")
