"""The deployment examples start the app through the one start command the README gives."""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from ssi_coach import serve
from tests.unit.test_serve import COMPLETE, secrets_file

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "ssi-coach.service"
CONTAINER = DEPLOY / "Containerfile"
SERVE_MODULE = ["-m", "ssi_coach.serve"]


def unit_command() -> list[str]:
    """Return the ExecStart command of the systemd unit, split as systemd splits it."""
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string(UNIT.read_text(encoding="utf-8"))
    return shlex.split(unit["Service"]["ExecStart"])


def container_command() -> list[str]:
    """Return the CMD of the container file (its exec form, a JSON array)."""
    [line] = [line for line in CONTAINER.read_text().splitlines() if line.startswith("CMD ")]
    command: list[str] = json.loads(line.removeprefix("CMD "))
    return command


def run_check(command: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    """Run a deployment's command with this interpreter, adding --check and any option."""
    assert command[1:3] == SERVE_MODULE
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin"),
        "LANG": "en_GB.UTF-8",
        "SSI_COACH_DATABASE_URL": "postgresql+psycopg://ssi_coach@127.0.0.1:1/ssi_coach",
    }
    return subprocess.run(
        [sys.executable, *command[1:], *extra, "--check"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def checked_option(done: subprocess.CompletedProcess[str], name: str) -> list[str]:
    """Return the values of one option in the Streamlit command a passed check printed."""
    words = shlex.split(done.stdout.splitlines()[-1])
    return [words[i + 1] for i, word in enumerate(words) if word == name]


def test_the_systemd_unit_starts_the_serve_command_of_its_virtual_environment() -> None:
    command = unit_command()
    assert command[0] == "/opt/ssi-coach/.venv/bin/python"
    assert command[1:3] == SERVE_MODULE


def test_the_container_starts_the_serve_command() -> None:
    command = container_command()
    assert command[0] == "python"
    assert command[1:3] == SERVE_MODULE


def test_make_serve_runs_the_serve_command() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:.*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe is not None
    assert recipe.group(1).split()[1:3] == SERVE_MODULE


@pytest.mark.parametrize(
    "command", [unit_command(), container_command()], ids=["unit", "container"]
)
def test_a_deployment_without_its_secrets_file_refuses_to_start_and_names_it(
    command: list[str],
) -> None:
    given = command[command.index("--secrets") + 1]
    done = run_check(command)
    assert done.returncode == serve.EXIT_CONFIG
    assert f"{given} does not exist" in done.stderr


@pytest.mark.parametrize(
    "command", [unit_command(), container_command()], ids=["unit", "container"]
)
def test_a_deployment_with_a_complete_secrets_file_passes_the_check(
    command: list[str], tmp_path: Path
) -> None:
    done = run_check(command, "--secrets", str(secrets_file(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert checked_option(done, "--server.port") == ["8501"]


def test_the_unit_listens_on_the_loopback_address_for_a_proxy_on_the_same_machine(
    tmp_path: Path,
) -> None:
    done = run_check(unit_command(), "--secrets", str(secrets_file(tmp_path)))
    assert checked_option(done, "--server.address") == ["127.0.0.1"]


def test_the_unit_is_not_restarted_after_a_refused_configuration() -> None:
    unit = UNIT.read_text(encoding="utf-8")
    assert f"RestartPreventExitStatus={serve.EXIT_CONFIG}" in unit
    assert "Restart=on-failure" in unit


def test_the_container_copies_what_the_app_reads_and_never_the_whole_folder() -> None:
    copied = [
        line.split()[1]
        for line in CONTAINER.read_text(encoding="utf-8").splitlines()
        if line.startswith("COPY ")
    ]
    assert "." not in copied
    assert all((ROOT / source).exists() for source in copied)
    assert {"app.py", "pages", "ssi_coach", "data/i18n", "static", ".streamlit/config.toml"} <= set(
        copied
    )


def test_the_example_secrets_file_is_refused_until_its_secrets_are_filled_in() -> None:
    done = run_check(unit_command(), "--secrets", str(DEPLOY / "secrets.example.toml"))
    assert done.returncode == serve.EXIT_CONFIG
    lacking = re.findall(r"the \[auth\] section lacks (\w+)\.", done.stderr)
    assert lacking == ["cookie_secret", "client_id", "client_secret"]


def test_the_example_secrets_file_once_filled_in_is_accepted(tmp_path: Path) -> None:
    example = (DEPLOY / "secrets.example.toml").read_text(encoding="utf-8")
    filled = tmp_path / "secrets.toml"
    filled.write_text(
        example.replace('cookie_secret = ""', f'cookie_secret = "{COMPLETE["cookie_secret"]}"')
        .replace('client_id = ""', 'client_id = "ssi-coach"')
        .replace('client_secret = ""', 'client_secret = "from-the-provider"'),
        encoding="utf-8",
    )
    done = run_check(unit_command(), "--secrets", str(filled))
    assert done.returncode == 0, done.stderr
    assert "coach.example.com" in checked_option(done, "--server.allowedHosts")


@pytest.mark.parametrize("proxy", ["Caddyfile", "nginx.conf"])
def test_the_proxy_examples_forward_to_where_the_unit_listens(proxy: str) -> None:
    command = unit_command()
    address = command[command.index("--address") + 1]
    port = command[command.index("--port") + 1]
    assert f"{address}:{port}" in (DEPLOY / proxy).read_text(encoding="utf-8")


def test_the_nginx_example_passes_the_websocket_and_the_host_name_through() -> None:
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert "proxy_set_header Upgrade $http_upgrade;" in nginx
    assert 'proxy_set_header Connection "upgrade";' in nginx
    assert "proxy_set_header Host $host;" in nginx


def test_the_readme_gives_the_same_start_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme
    assert "python -m ssi_coach.serve" in readme
