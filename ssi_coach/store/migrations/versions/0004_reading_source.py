"""Keep the pasted SSI page, the parser version and the industry with a reading.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add nullable source columns; existing readings keep every value."""
    with op.batch_alter_table("readings") as batch:
        batch.add_column(sa.Column("source_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("parser_version", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("industry_name", sa.String(length=120), nullable=True))


def downgrade() -> None:
    """Drop the source columns."""
    with op.batch_alter_table("readings") as batch:
        batch.drop_column("industry_name")
        batch.drop_column("parser_version")
        batch.drop_column("source_text")
