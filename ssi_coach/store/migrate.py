"""Bring the configured database to the latest schema: python -m ssi_coach.store.migrate."""

from __future__ import annotations

from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate


def main() -> None:
    """Migrate the database named by SSI_COACH_DATABASE_URL, or the local SQLite file."""
    engine = make_engine()
    try:
        migrate(engine)
    finally:
        engine.dispose()
    print(f"database ready: {engine.url.render_as_string(hide_password=True)}")


if __name__ == "__main__":
    main()
