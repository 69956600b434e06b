"""signed ballot definitions pulled from the server

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02 09:00:00.000000

(Down revision "0002" until the integrator relinks it after "0003".)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ballot_definitions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("ballot_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_definitions")),
    )
    with op.batch_alter_table("ballot_definitions", schema=None) as batch_op:
        batch_op.create_index("ix_ballot_definitions_ballot", ["ballot_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ballot_definitions", schema=None) as batch_op:
        batch_op.drop_index("ix_ballot_definitions_ballot")
    op.drop_table("ballot_definitions")
