"""search index: FTS5 over page and annotation text, exact and folded

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:00:00.000000

Two text columns in one FTS5 table: ``exact`` (the page's whitespace-normalised NFC text,
tokenised by unicode61 with remove_diacritics 0, so accents count) and ``folded`` (the
same text folded by ecabinet.search.fold: no marks, đ→d, casefolded). The metadata columns
come first so that a row's small fields sit on its first page, before the long text;
``aligned`` is 1 when every character of ``exact`` folded to exactly one (nearly always),
so that a hit's place in ``folded`` is its place in ``exact`` without folding again.
``search_sources`` records which rowids each indexed version or annotation owns, so that
removing one deletes by rowid instead of scanning the whole index, and so that the sync
engine can tell which verified files still wait for indexing.

Only FTS5 features that both Python's SQLite (3.40) and SQLCipher have are used
(unicode61, prefix indexes); never trigram's remove_diacritics (3.45+).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE VIRTUAL TABLE search_index USING fts5(
            kind UNINDEXED,
            document_id UNINDEXED,
            version_sha256 UNINDEXED,
            page UNINDEXED,
            annotation_id UNINDEXED,
            aligned UNINDEXED,
            exact,
            folded,
            tokenize = 'unicode61 remove_diacritics 0',
            prefix = '2 3'
        )
        """
    )
    op.execute(
        """
        CREATE TABLE search_sources (
            id INTEGER NOT NULL PRIMARY KEY,
            kind VARCHAR(20) NOT NULL,
            document_id VARCHAR(36) NOT NULL,
            version_sha256 VARCHAR(64) NOT NULL,
            annotation_id VARCHAR(36) NOT NULL DEFAULT '',
            first_rowid INTEGER NOT NULL,
            row_count INTEGER NOT NULL,
            indexed_at VARCHAR(40) NOT NULL
        )
        """
    )
    op.execute(
        "CREATE UNIQUE INDEX ux_search_sources_key"
        " ON search_sources (kind, document_id, version_sha256, annotation_id)"
    )
    op.execute("CREATE INDEX ix_search_sources_sha256 ON search_sources (version_sha256)")
    op.execute("CREATE INDEX ix_search_sources_annotation ON search_sources (annotation_id)")


def downgrade() -> None:
    op.execute("DROP TABLE search_sources")
    op.execute("DROP TABLE search_index")
