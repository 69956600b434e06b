"""signed ballot definitions and closing records in the ballot's chain

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:00:00.000000

(Down revision "0002" until the integrator relinks it after "0003".)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ecabinet.server.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ballot_records",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("ballot_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("substance", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("created_at", ecabinet.server.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"], ["ballots.id"], name=op.f("fk_ballot_records_ballot_id_ballots")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_records")),
        sa.UniqueConstraint("ballot_id", "seq", name=op.f("uq_ballot_records_ballot_id")),
    )
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("definition_id", sa.String(length=64), nullable=True))
    # Ballots issued before this revision get their first signed definition at the next
    # start (ecabinet.server.services.ballot_chain.sign_unsigned_ballots): signing needs
    # the server's key, which a migration does not hold.


def downgrade() -> None:
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.drop_column("definition_id")
    op.drop_table("ballot_records")
