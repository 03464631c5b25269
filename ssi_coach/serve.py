"""Start the app for a team, behind a reverse proxy: python -m ssi_coach.serve.

The one start command that `make serve`, the README, the systemd unit and the container give.
Before anything listens it checks what a server needs: the database named, and a complete
[auth] section for the OpenID Connect login. Then it migrates the database and hands over to
`streamlit run app.py`, with the login required whatever the address: behind a reverse proxy
the app listens on 127.0.0.1 yet serves the network. `--check` stops before the database and
prints the command instead.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shlex
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ssi_coach.access import SERVER_MODE_VARIABLE, is_loopback, missing_auth_settings
from ssi_coach.i18n import Lang, locale_lang, t

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
DEFAULT_SECRETS = ROOT / ".streamlit" / "secrets.toml"
DEFAULT_ADDRESS = "127.0.0.1"
DEFAULT_PORT = 8501
DATABASE_VARIABLE = "SSI_COACH_DATABASE_URL"
# For a container or a unit file, where an environment variable is handier than an argument.
SECRETS_VARIABLE = "SSI_COACH_SECRETS"
HOSTS_VARIABLE = "SSI_COACH_ALLOWED_HOSTS"
# Always answered: a health check or an administrator on the machine itself.
LOCAL_HOSTS = ("localhost", "127.0.0.1")
CALLBACK_PATH = "/oauth2callback"
# The cookie secret signs the login cookie, which names the member: a short one could be guessed
# and any member impersonated.
MIN_COOKIE_SECRET = 32
# What st.login needs besides Streamlit: Authlib, and httpx for Authlib's Starlette client.
LOGIN_MODULES = ("authlib", "httpx")
# sysexits.h codes: a unit file restarts the server after EX_UNAVAILABLE (the database not up
# yet), never after EX_CONFIG (a restart cannot fix the configuration).
EXIT_CONFIG = 78
EXIT_UNAVAILABLE = 69
# The databases the app is tested on (a dialect's name, before any "+driver").
DATABASES = ("postgresql", "sqlite")
# A host name as server.allowedHosts takes it: no scheme, no port; "*." for every subdomain.
_HOST = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?")


@dataclass(frozen=True)
class Settings:
    """How the server is started: where it listens, the names it answers, its secrets file."""

    address: str = DEFAULT_ADDRESS
    port: int = DEFAULT_PORT
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS
    secrets: Path = DEFAULT_SECRETS


@dataclass(frozen=True)
class Message:
    """One line for the administrator: a catalog key and its values."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        """Return the line in the language."""
        return t(lang, self.key, **self.params)


@dataclass(frozen=True)
class Review:
    """What stops the server from starting, and what it should know but may ignore."""

    errors: tuple[Message, ...]
    warnings: tuple[Message, ...]


def read_auth(path: Path) -> tuple[Mapping[str, object] | None, Message | None]:
    """Return the [auth] section of a secrets file (None when it has none), or why it is unread."""
    try:
        content = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, Message("serve.no_secrets", {"path": path})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return None, Message("serve.bad_secrets", {"path": path, "error": error})
    auth = content.get("auth")
    return (auth if isinstance(auth, Mapping) else None), None


def auth_problems(auth: Mapping[str, object] | None, path: Path) -> list[Message]:
    """Return what keeps this [auth] section from giving a safe login, one message each."""
    problems = [
        Message("serve.missing_setting", {"path": path, "setting": key})
        for key in missing_auth_settings(auth)
    ]
    if auth is None:
        return problems
    uri = str(auth.get("redirect_uri") or "").strip()
    if uri:
        parts = urlsplit(uri)
        if not parts.path.endswith(CALLBACK_PATH):
            problems.append(Message("serve.redirect_path", {"path": path, "uri": uri}))
        # Over plain http the login cookie crosses the network readable by anyone on the way.
        if parts.scheme != "https" and not (parts.scheme == "http" and is_loopback(parts.hostname)):
            problems.append(Message("serve.redirect_https", {"path": path, "uri": uri}))
    secret = str(auth.get("cookie_secret") or "").strip()
    if secret and len(secret) < MIN_COOKIE_SECRET:
        problems.append(
            Message(
                "serve.short_secret",
                {"path": path, "length": len(secret), "minimum": MIN_COOKIE_SECRET},
            )
        )
    return problems


def public_host(auth: Mapping[str, object] | None) -> str | None:
    """Return the host name of the redirect URI: the name people type to reach the app."""
    if auth is None:
        return None
    try:
        host = urlsplit(str(auth.get("redirect_uri") or "")).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def host_problem(host: str) -> Message | None:
    """Return why a name cannot be an allowed host, or None when it can."""
    if host.strip() == "*":
        return Message("serve.any_host")
    if not _HOST.fullmatch(host.strip().lower()):
        return Message("serve.bad_host", {"host": host})
    return None


def allowed_hosts(given: Sequence[str], public: str | None) -> tuple[str, ...]:
    """Return the names the server answers: this machine's, the redirect URI's, and those given."""
    names = [*LOCAL_HOSTS, *([public] if public else []), *given]
    return tuple(dict.fromkeys(name.strip().lower() for name in names if name.strip()))


def review(
    settings: Settings,
    database_url: str,
    auth: Mapping[str, object] | None,
    unread: Message | None,
    given_hosts: Sequence[str],
    installed: Callable[[str], bool],
) -> Review:
    """Return what stops this server from starting safely, and what it had better know."""
    errors: list[Message] = []
    warnings: list[Message] = []
    backend = database_url.partition(":")[0].partition("+")[0].lower()
    if not database_url:
        errors.append(Message("serve.no_database"))
    elif backend not in DATABASES:
        errors.append(Message("serve.bad_database"))
    elif backend == "sqlite":
        warnings.append(Message("serve.sqlite"))
    if unread is not None:
        errors.append(unread)
    else:
        errors.extend(auth_problems(auth, settings.secrets))
    errors.extend(problem for host in given_hosts if (problem := host_problem(host)) is not None)
    errors.extend(
        Message("serve.no_login_library", {"module": module})
        for module in LOGIN_MODULES
        if not installed(module)
    )
    return Review(tuple(errors), tuple(warnings))


def streamlit_options(settings: Settings) -> list[str]:
    """Return the `streamlit run` options of a server: address, names, secrets, protections."""
    options = [
        "--server.headless", "true",
        "--server.address", settings.address,
        "--server.port", str(settings.port),
        # The project's .streamlit/config.toml has them on; a server never runs without them.
        "--server.enableXsrfProtection", "true",
        "--server.enableCORS", "true",
        # Only this file: no secrets.toml of the user's home or of the working directory.
        "--secrets.files", str(settings.secrets),
    ]  # fmt: skip
    for host in settings.allowed_hosts:
        options += ["--server.allowedHosts", host]
    return options


def streamlit_command(settings: Settings, python: str = sys.executable) -> list[str]:
    """Return the command that runs the app as a server."""
    return [python, "-m", "streamlit", "run", str(APP), *streamlit_options(settings)]


def server_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """Return the environment of the server: the caller's, with the login always required."""
    return {**environ, SERVER_MODE_VARIABLE: "1"}


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _port(text: str) -> int:
    port = int(text) if text.isdigit() else 0
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(text)
    return port


def _parser(lang: Lang) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ssi_coach.serve", description=t(lang, "serve.description")
    )
    parser.add_argument("--address", default=DEFAULT_ADDRESS, help=t(lang, "serve.help.address"))
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, metavar="PORT", help=t(lang, "serve.help.port")
    )
    parser.add_argument(
        "--allowed-host", action="append", default=[], metavar="HOST",
        help=t(lang, "serve.help.allowed_host"),
    )  # fmt: skip
    parser.add_argument("--secrets", type=Path, metavar="FILE", help=t(lang, "serve.help.secrets"))
    parser.add_argument("--check", action="store_true", help=t(lang, "serve.help.check"))
    return parser


def _secrets_path(given: Path | None, environ: Mapping[str, str]) -> Path:
    chosen = given or Path(environ.get(SECRETS_VARIABLE) or DEFAULT_SECRETS)
    # Absolute: the server runs from the project folder, whatever the caller's folder.
    return chosen.expanduser().resolve()


def _hosts_from_environment(environ: Mapping[str, str]) -> list[str]:
    return [part.strip() for part in environ.get(HOSTS_VARIABLE, "").split(",") if part.strip()]


def _print(lang: Lang, messages: Sequence[Message]) -> None:
    for message in messages:
        print(message.text(lang), file=sys.stderr)


def _prepare_database(url: str, lang: Lang) -> int:
    """Migrate the database; return 0, or the exit code after saying why it cannot be used."""
    # Imported here: --check never loads SQLAlchemy nor touches the database.
    from ssi_coach.services import admin

    try:
        engine = admin.open_database(url)
    except admin.NewerSchema:
        print(t(lang, "safety.newer_schema"), file=sys.stderr)
        return EXIT_CONFIG
    except admin.DatabaseUnavailable as unavailable:
        message = t(
            lang, "serve.database_unreachable", url=unavailable.url, error=unavailable.reason
        )
        print(message, file=sys.stderr)
        return EXIT_UNAVAILABLE
    engine.dispose()
    return 0


def _exec(command: list[str], environ: dict[str, str]) -> None:
    # Replaced, not wrapped: systemd or the container runtime signals Streamlit directly.
    os.execve(command[0], command, environ)


def main(
    argv: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    launch: Callable[[list[str], dict[str, str]], None] = _exec,
) -> int:
    """Check the server's configuration, migrate its database and start it; else say why."""
    env = dict(os.environ if environ is None else environ)
    lang = locale_lang(env)
    args = _parser(lang).parse_args(argv)
    secrets = _secrets_path(args.secrets, env)
    auth, unread = read_auth(secrets)
    given = [*_hosts_from_environment(env), *args.allowed_host]
    settings = Settings(
        address=args.address,
        port=args.port,
        allowed_hosts=allowed_hosts(given, public_host(auth)),
        secrets=secrets,
    )
    url = env.get(DATABASE_VARIABLE, "").strip()
    found = review(settings, url, auth, unread, given, _installed)
    if found.errors:
        print(t(lang, "serve.refused"), file=sys.stderr)
        _print(lang, found.errors)
        return EXIT_CONFIG
    _print(lang, found.warnings)
    command = streamlit_command(settings)
    if args.check:
        print(t(lang, "serve.check_ok"))
        print(shlex.join([f"{SERVER_MODE_VARIABLE}=1", *command]))
        return 0
    # The project's folder: Streamlit reads .streamlit/config.toml (theme, upload limit) there,
    # and a relative SQLite path means the same file to the migration and to the app.
    os.chdir(ROOT)
    refused = _prepare_database(url, lang)
    if refused:
        return refused
    hosts = ", ".join(settings.allowed_hosts)
    print(t(lang, "serve.starting", address=settings.address, port=settings.port, hosts=hosts))
    sys.stdout.flush()
    launch(command, server_environment(env))
    return 0


if __name__ == "__main__":
    sys.exit(main())
