"""Several profiles: when each was last used, and the login identities that own them.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add profiles.last_used_at and create the identities table; no row changes."""
    # A plain ALTER TABLE on both databases: a batch migration would copy and drop the profiles
    # table, and dropping it deletes every row of every table that refers to it (ON DELETE
    # CASCADE).
    op.add_column("profiles", sa.Column("last_used_at", sa.DateTime(), nullable=True))
    op.create_table(
        "identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=255), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_identities_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identities")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_identities_issuer")),
        sa.UniqueConstraint("profile_id", name=op.f("uq_identities_profile_id")),
    )


def downgrade() -> None:
    """Drop the identities table and profiles.last_used_at."""
    op.drop_table("identities")
    # SQLite drops a column in place since 3.35; never by copying the profiles table (see above).
    op.execute("ALTER TABLE profiles DROP COLUMN last_used_at")
