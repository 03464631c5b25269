"""The questionnaire asks for the job titles, the kind of company and the profile's language.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Written out rather than imported: a migration must keep doing what it did when it shipped.
LANG_SETTING = "lang"
ENGLISH = "en"
FRENCH = "fr"


def upgrade() -> None:
    """Add the three answers; earlier answers keep every value and their drafts' language."""
    with op.batch_alter_table("answers") as batch:
        batch.add_column(
            sa.Column("titles", sa.String(length=160), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("company_kind", sa.String(length=80), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("profile_lang", sa.String(length=2), nullable=False, server_default=FRENCH)
        )
    # Until now the drafts were written in the interface language: keep the one users saw.
    answers = sa.table("answers", sa.column("profile_id", sa.Integer()), sa.column("profile_lang"))
    settings = sa.table(
        "settings", sa.column("profile_id", sa.Integer()), sa.column("key"), sa.column("value")
    )
    in_english = sa.select(settings.c.profile_id).where(
        settings.c.key == LANG_SETTING, settings.c.value == ENGLISH
    )
    op.execute(
        answers.update().where(answers.c.profile_id.in_(in_english)).values(profile_lang=ENGLISH)
    )


def downgrade() -> None:
    """Drop the three answers."""
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("profile_lang")
        batch.drop_column("company_kind")
        batch.drop_column("titles")
