"""Alembic environment: runs on the connection handed over by ssi_coach.store.lifecycle.migrate."""

from alembic import context
from sqlalchemy import Connection

from ssi_coach.store.engine import make_engine
from ssi_coach.store.tables import Base

config = context.config


def run(connection: Connection) -> None:
    """Run the migrations on one connection."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    with make_engine().begin() as own_connection:
        run(own_connection)
