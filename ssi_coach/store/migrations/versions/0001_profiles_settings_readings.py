"""Profiles, settings and SSI readings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the first tables."""
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles")),
        sa.UniqueConstraint("name", name=op.f("uq_profiles_name")),
    )
    op.create_table(
        "settings",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_settings_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("profile_id", "key", name=op.f("pk_settings")),
    )
    op.create_table(
        "readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("brand_milli", sa.Integer(), nullable=False),
        sa.Column("people_milli", sa.Integer(), nullable=False),
        sa.Column("insights_milli", sa.Integer(), nullable=False),
        sa.Column("relationships_milli", sa.Integer(), nullable=False),
        sa.Column("industry_rank", sa.Integer(), nullable=True),
        sa.Column("network_rank", sa.Integer(), nullable=True),
        sa.Column("industry_average_milli", sa.Integer(), nullable=True),
        sa.Column("network_average_milli", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_readings_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readings")),
        sa.UniqueConstraint("profile_id", "taken_on", name=op.f("uq_readings_profile_id")),
    )


def downgrade() -> None:
    """Drop the first tables."""
    op.drop_table("readings")
    op.drop_table("settings")
    op.drop_table("profiles")
