"""secretariat: agenda item revision and classification, version change notes,
notifications, consent-agenda marks, pull marks, reading progress, attendance,
conclusions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 11:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ecabinet.server.db

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        # Bumped by every save: a clerk's save naming an older revision is refused (409).
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))
        # "" (none), "mat", "toi-mat", "tuyet-mat": state-secret levels.
        batch_op.add_column(
            sa.Column("classification", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("conclusion", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("document_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("change_note", sa.String(length=2000), nullable=False, server_default="")
        )
    when = ecabinet.server.db.UTCDateTime(timezone=True)
    op.create_table(
        "notifications",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("org_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=True),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("created_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organisations.id"], name=op.f("fk_notifications_org_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notifications_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_notifications_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notifications_user_id"), ["user_id"], unique=False)
    op.create_table(
        "consent_marks",
        sa.Column("agenda_item_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("mark", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        sa.Column("marked_at", when, nullable=False),
        sa.Column("received_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_consent_marks_agenda_item_id_agenda_items"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_consent_marks_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_consent_marks_meeting_id_meetings")
        ),
        sa.PrimaryKeyConstraint("agenda_item_id", "user_id", name=op.f("pk_consent_marks")),
    )
    with op.batch_alter_table("consent_marks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consent_marks_meeting_id"), ["meeting_id"], unique=False
        )
    op.create_table(
        "pull_marks",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("pulled_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pull_marks_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_pull_marks")),
    )
    op.create_table(
        "reading_progress",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("max_page", sa.Integer(), nullable=False),
        sa.Column("updated_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_reading_progress_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_reading_progress_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("user_id", "document_id", name=op.f("pk_reading_progress")),
    )
    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("deputy_name", sa.String(length=300), nullable=False),
        sa.Column("recorded_by", sa.String(length=36), nullable=False),
        sa.Column("updated_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_attendance_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_attendance_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_attendance_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("meeting_id", "user_id", name=op.f("pk_attendance")),
    )


def downgrade() -> None:
    op.drop_table("attendance")
    op.drop_table("reading_progress")
    op.drop_table("pull_marks")
    op.drop_table("consent_marks")
    op.drop_table("notifications")
    with op.batch_alter_table("document_versions", schema=None) as batch_op:
        batch_op.drop_column("change_note")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_column("conclusion")
        batch_op.drop_column("classification")
        batch_op.drop_column("revision")
