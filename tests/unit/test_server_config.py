"""The server settings in .streamlit/config.toml, as `make run` starts the app."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
SERVER: dict[str, Any] = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["server"]


def test_the_server_listens_on_the_loopback_interface_only() -> None:
    assert SERVER["address"] == "127.0.0.1"


def test_a_new_browser_tab_does_not_walk_the_project_folders_to_watch_them() -> None:
    assert SERVER["fileWatcherType"] == "none"
