"""Altair charts, built by pure functions from the rules' results; testable through to_dict().

The rule modules (habits, kpis, progress, card) never import these; each chart module imports
the rules it draws.
"""
