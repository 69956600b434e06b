"""meeting guests: the invited guests of a meeting (name, position), in order

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 14:10:00.000000

Guests have no account: they are kept with the meeting as a JSON list and reach the
members' laptops with it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("guests_json", sa.Text(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("guests_json")
