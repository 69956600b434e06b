"""reading positions: the page each document was last read at, on this device

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-28 10:00:00.000000

One row per document (not per version: a new version reopens near where the minister
was). Kept in the encrypted local store; never synced.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reading_positions",
        sa.Column("document_id", sa.String(36), primary_key=True),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reading_positions")
