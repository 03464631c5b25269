"""The server's start command: what it refuses, and the Streamlit command it would run."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from ssi_coach import serve
from ssi_coach.access import AUTH_SETTINGS, login_required

PG_URL = "postgresql+psycopg://ssi_coach@127.0.0.1:1/ssi_coach"
COOKIE_SECRET = "0123456789abcdef" * 4
COMPLETE = {
    "redirect_uri": "https://coach.example.com/oauth2callback",
    "cookie_secret": COOKIE_SECRET,
    "client_id": "ssi-coach",
    "client_secret": "client-secret",
    "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
}


def secrets_file(folder: Path, auth: dict[str, str] | None = COMPLETE) -> Path:
    """Write a secrets.toml with this [auth] section (none at all with None) and return it."""
    path = folder / "secrets.toml"
    lines = [] if auth is None else ["[auth]", *(f'{k} = "{v}"' for k, v in auth.items())]
    path.write_text("\n".join(["# a team server", *lines]) + "\n", encoding="utf-8")
    return path


def check(
    secrets: Path, *args: str, url: str | None = PG_URL, lang: str = "en_GB.UTF-8", **env: str
) -> int:
    """Run `python -m ssi_coach.serve --check` in-process with a given environment."""
    environ = {"LANG": lang, **env}
    if url is not None:
        environ["SSI_COACH_DATABASE_URL"] = url
    return serve.main(["--check", "--secrets", str(secrets), *args], environ)


def printed_command(out: str) -> list[str]:
    """Return the command a successful check printed, after its environment assignment."""
    words = shlex.split(out.splitlines()[-1])
    assert words[0] == "SSI_COACH_SERVER_MODE=1"
    return words[1:]


def option_values(command: list[str], name: str) -> list[str]:
    """Return every value a command gives to one --option."""
    return [command[i + 1] for i, word in enumerate(command) if word == name]


def test_without_a_secrets_file_the_server_refuses_and_names_the_file_it_looked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "secrets.toml"
    assert check(missing) == serve.EXIT_CONFIG
    err = capsys.readouterr().err
    assert f"{missing} does not exist" in err
    assert "deploy/secrets.example.toml" in err


def test_a_secrets_file_without_auth_names_every_missing_setting_and_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secrets_file(tmp_path, auth=None)
    assert check(path) == serve.EXIT_CONFIG
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "The server was not started:",
        *(f"- {path}: the [auth] section lacks {setting}." for setting in AUTH_SETTINGS),
    ]


@pytest.mark.parametrize("setting", AUTH_SETTINGS)
def test_an_auth_section_lacking_one_setting_is_refused_naming_that_setting_only(
    setting: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secrets_file(tmp_path, {k: v for k, v in COMPLETE.items() if k != setting})
    assert check(path) == serve.EXIT_CONFIG
    err = capsys.readouterr().err
    assert f"- {path}: the [auth] section lacks {setting}." in err
    assert err.count("lacks") == 1


def test_a_complete_configuration_passes_the_check_and_prints_the_streamlit_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secrets_file(tmp_path)
    assert check(path) == 0
    out = capsys.readouterr().out
    assert out.startswith("Configuration complete.")
    command = printed_command(out)
    assert command[1:5] == ["-m", "streamlit", "run", str(serve.APP)]
    assert option_values(command, "--secrets.files") == [str(path)]


def test_a_secrets_file_that_is_not_toml_is_refused_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secrets.toml"
    path.write_text("[auth\nclient_id = 1\n", encoding="utf-8")
    assert check(path) == serve.EXIT_CONFIG
    assert f"{path} is not a valid TOML file" in capsys.readouterr().err


def test_without_a_database_url_the_server_refuses_and_names_the_variable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(secrets_file(tmp_path), url=None) == serve.EXIT_CONFIG
    assert "SSI_COACH_DATABASE_URL is not set" in capsys.readouterr().err


def test_a_database_url_of_an_untested_kind_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(secrets_file(tmp_path), url="mysql://coach@db/ssi") == serve.EXIT_CONFIG
    assert "must be a PostgreSQL URL" in capsys.readouterr().err


def test_a_sqlite_database_is_accepted_with_a_note_recommending_postgresql(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(secrets_file(tmp_path), url=f"sqlite:///{tmp_path / 'team.db'}") == 0
    assert "PostgreSQL is recommended" in capsys.readouterr().err


def test_the_check_never_opens_the_database(tmp_path: Path) -> None:
    # Port 1: nothing listens there, so any attempt to connect would fail the check.
    assert check(secrets_file(tmp_path), url=PG_URL) == 0


def test_the_server_always_requires_the_login_even_on_the_loopback_address_behind_a_proxy() -> None:
    environment = serve.server_environment({"PATH": "/usr/bin"})
    assert environment["PATH"] == "/usr/bin"
    assert login_required("127.0.0.1", environment)


def test_the_server_listens_on_the_loopback_address_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(secrets_file(tmp_path)) == 0
    command = printed_command(capsys.readouterr().out)
    assert option_values(command, "--server.address") == ["127.0.0.1"]
    assert option_values(command, "--server.port") == ["8501"]


def test_the_address_and_port_given_are_passed_to_streamlit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(secrets_file(tmp_path), "--address", "0.0.0.0", "--port", "9000") == 0
    command = printed_command(capsys.readouterr().out)
    assert option_values(command, "--server.address") == ["0.0.0.0"]
    assert option_values(command, "--server.port") == ["9000"]


def test_the_server_answers_this_machines_names_and_the_redirect_uris_host_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(secrets_file(tmp_path)) == 0
    command = printed_command(capsys.readouterr().out)
    assert option_values(command, "--server.allowedHosts") == [
        "localhost",
        "127.0.0.1",
        "coach.example.com",
    ]


def test_hosts_given_as_options_or_in_the_environment_are_allowed_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secrets_file(tmp_path)
    hosts = {"SSI_COACH_ALLOWED_HOSTS": "coach.example.lan, *.example.org"}
    assert check(path, "--allowed-host", "Coach.Example.net", **hosts) == 0
    command = printed_command(capsys.readouterr().out)
    assert option_values(command, "--server.allowedHosts")[3:] == [
        "coach.example.lan",
        "*.example.org",
        "coach.example.net",
    ]


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("*", "reopen the door to DNS rebinding"),
        ("coach.example.com:443", "without scheme or port"),
        ("https://coach.example.com", "without scheme or port"),
    ],
)
def test_an_allowed_host_that_is_every_name_or_not_a_name_is_refused(
    host: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(secrets_file(tmp_path), "--allowed-host", host) == serve.EXIT_CONFIG
    assert reason in capsys.readouterr().err


def test_a_redirect_uri_over_plain_http_to_another_machine_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secrets_file(
        tmp_path, COMPLETE | {"redirect_uri": "http://coach.example.com/oauth2callback"}
    )
    assert check(path) == serve.EXIT_CONFIG
    assert "redirect_uri must start with https://" in capsys.readouterr().err


@pytest.mark.parametrize(
    "uri", ["http://localhost:8501/oauth2callback", "http://127.0.0.1:{port}/oauth2callback"]
)
def test_a_redirect_uri_over_plain_http_to_this_machine_is_accepted(
    uri: str, tmp_path: Path
) -> None:
    assert check(secrets_file(tmp_path, COMPLETE | {"redirect_uri": uri})) == 0


def test_a_redirect_uri_that_is_not_the_login_callback_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secrets_file(tmp_path, COMPLETE | {"redirect_uri": "https://coach.example.com/"})
    assert check(path) == serve.EXIT_CONFIG
    assert "redirect_uri must end with /oauth2callback" in capsys.readouterr().err


def test_a_cookie_secret_short_enough_to_guess_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secrets_file(tmp_path, COMPLETE | {"cookie_secret": "x" * (serve.MIN_COOKIE_SECRET - 1)})
    assert check(path) == serve.EXIT_CONFIG
    assert f"cookie_secret has {serve.MIN_COOKIE_SECRET - 1} characters" in capsys.readouterr().err


def test_a_missing_login_library_is_named() -> None:
    found = serve.review(
        serve.Settings(),
        PG_URL,
        COMPLETE,
        None,
        (),
        installed=lambda module: module != "authlib",
    )
    assert found.errors == (serve.Message("serve.no_login_library", {"module": "authlib"}),)


def test_every_option_passed_to_streamlit_is_one_of_its_settings() -> None:
    options = serve.streamlit_options(serve.Settings())
    names = {word.removeprefix("--") for word in options if word.startswith("--")}
    assert names <= set(streamlit_config.get_config_options())


def test_the_messages_are_in_french_unless_the_locale_is_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = secrets_file(tmp_path, auth=None)
    assert check(path, lang="C.UTF-8") == serve.EXIT_CONFIG
    assert "Le serveur n’a pas été démarré\u00a0:" in capsys.readouterr().err
