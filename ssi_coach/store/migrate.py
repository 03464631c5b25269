"""Bring the configured database to the latest schema: python -m ssi_coach.store.migrate."""

from __future__ import annotations

import sys

from ssi_coach.i18n import Lang, t
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import NewerSchema, migrate


def main() -> int:
    """Migrate the database named by SSI_COACH_DATABASE_URL, or the local SQLite file."""
    engine = make_engine()
    try:
        migrate(engine)
    except NewerSchema:
        # The database holds the user's language, and it is not to be read: both are shown.
        for lang in Lang:
            print(t(lang, "safety.newer_schema"), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"database ready: {engine.url.render_as_string(hide_password=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
