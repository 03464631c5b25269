"""The user's own headline and About, saved as dated versions.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the profile_texts table; no existing table changes."""
    op.create_table(
        "profile_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_profile_texts_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_texts")),
        sa.UniqueConstraint(
            "profile_id", "kind", "saved_at", name=op.f("uq_profile_texts_profile_id")
        ),
    )


def downgrade() -> None:
    """Drop the profile_texts table."""
    op.drop_table("profile_texts")
