"""consent marks: this member's consent-agenda marks as the server keeps them

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 13:30:00.000000

What the member marked on another device arrives by pull; what is marked here and not
yet delivered is read from the outbox (ecabinet/client/consent_marks.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consent_marks",
        sa.Column("agenda_item_id", sa.String(64), primary_key=True),
        sa.Column("meeting_id", sa.String(64), nullable=False),
        sa.Column("mark", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("marked_at", sa.String(40), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_consent_marks_meeting_id", "consent_marks", ["meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_consent_marks_meeting_id", "consent_marks")
    op.drop_table("consent_marks")
