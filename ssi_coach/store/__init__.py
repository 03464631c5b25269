"""Storage: SQLAlchemy tables, engine, migrations and repositories."""
