"""Use cases: each fetches through the store, validates, calls the core, commits once."""
