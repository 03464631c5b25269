"""A server administrator's command: python -m ssi_coach.admin list|export|import|delete.

It works on the database of SSI_COACH_DATABASE_URL through the services, as the app does, so a
member's export is the file their My data page gives them, and a deletion removes exactly what
their profile owns. Used on a member's request: to hand over, restore or erase their data.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_coach.i18n import Lang, format_count, locale_lang, plural_form, t
from ssi_coach.services import admin
from ssi_coach.transfer import TransferError

if TYPE_CHECKING:
    from sqlalchemy import Engine

EXIT_FAILED = 1
# Written to standard output instead of a file.
STDOUT = "-"
_COLUMNS = ("admin.column.id", "admin.column.email", "admin.column.name", "admin.column.login")


def counts_text(counts: Mapping[str, int], lang: Lang) -> str:
    """Return what a member holds in words ("3 SSI check-ins, 1 setting"), or that it is nothing."""
    parts = [
        t(lang, f"transfer.count.{table}.{plural_form(count, lang)}", count=count)
        for table, count in counts.items()
        if count
    ]
    return ", ".join(parts) if parts else t(lang, "admin.holds_nothing")


def _member_label(member: admin.Member) -> str:
    return f"{member.name} <{member.email}>" if member.email else member.name


def _list(engine: Engine, lang: Lang, _args: argparse.Namespace) -> int:
    everyone = admin.members(engine)
    if not everyone:
        print(t(lang, "admin.no_members"))
        return 0
    rows = [
        (str(m.profile_id), m.email, m.name, m.last_login_at.strftime("%Y-%m-%d %H:%M"))
        for m in everyone
    ]
    header = tuple(t(lang, key) for key in _COLUMNS)
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    print(t(lang, f"admin.member_count.{plural_form(len(rows), lang)}", count=len(rows)))
    return 0


def _export(engine: Engine, lang: Lang, args: argparse.Namespace) -> int:
    member = admin.find_member(engine, args.member)
    content = admin.export_member(engine, member)
    if args.file == STDOUT:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    target = Path(args.file)
    try:
        # "x": an existing file, perhaps another member's export, is never overwritten.
        with target.open("xb") as out:
            out.write(content)
    except FileExistsError:
        print(t(lang, "admin.file_exists", file=target), file=sys.stderr)
        return EXIT_FAILED
    holds = counts_text(admin.holdings(engine, member), lang)
    print(t(lang, "admin.exported", member=_member_label(member), file=target, holds=holds))
    return 0


def _confirmed(member: admin.Member, lang: Lang, ask: Callable[[str], str]) -> bool:
    """Ask the administrator to type the member's e-mail (or id) again; False on anything else."""
    expected = member.email or str(member.profile_id)
    try:
        answer = ask(t(lang, "admin.confirm", expected=expected))
    except EOFError:
        return False
    return answer.strip().lower() == expected.lower()


def _import(engine: Engine, lang: Lang, args: argparse.Namespace) -> int:
    member = admin.find_member(engine, args.member)
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as error:
        print(
            t(lang, "admin.unreadable", file=path, error=error.strerror or error), file=sys.stderr
        )
        return EXIT_FAILED
    check = admin.preview_import(engine, member, content, path.name)
    change = check.preview
    summary = t(
        lang,
        "admin.import_preview",
        member=_member_label(member),
        added=format_count(change.added, lang),
        replaced=format_count(change.replaced, lang),
        unchanged=format_count(change.unchanged, lang),
    )
    print(summary)
    if not change.changes_anything:
        print(t(lang, "admin.import_nothing"))
        return 0
    if not args.yes and not _confirmed(member, lang, args.ask):
        print(t(lang, "admin.cancelled"))
        return EXIT_FAILED
    done = admin.import_member(engine, member, content, path.name)
    print(
        t(
            lang,
            "admin.imported",
            added=format_count(done.added, lang),
            replaced=format_count(done.replaced, lang),
        )
    )
    return 0


def _delete(engine: Engine, lang: Lang, args: argparse.Namespace) -> int:
    member = admin.find_member(engine, args.member)
    holds = counts_text(admin.holdings(engine, member), lang)
    print(t(lang, "admin.delete_what", member=_member_label(member), holds=holds))
    print(t(lang, "admin.delete_after", email=member.email or str(member.profile_id)))
    if not args.yes and not _confirmed(member, lang, args.ask):
        print(t(lang, "admin.cancelled"))
        return EXIT_FAILED
    admin.delete_member(engine, member)
    print(t(lang, "admin.deleted", member=_member_label(member)))
    return 0


def _parser(lang: Lang) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ssi_coach.admin", description=t(lang, "admin.description")
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help=t(lang, "admin.help.list"))
    listing.set_defaults(run=_list)
    export = commands.add_parser("export", help=t(lang, "admin.help.export"))
    export.add_argument("member", metavar="EMAIL", help=t(lang, "admin.help.member"))
    export.add_argument("file", metavar="FILE", help=t(lang, "admin.help.export_file"))
    export.set_defaults(run=_export)
    importing = commands.add_parser("import", help=t(lang, "admin.help.import"))
    importing.add_argument("member", metavar="EMAIL", help=t(lang, "admin.help.member"))
    importing.add_argument("file", metavar="FILE", help=t(lang, "admin.help.import_file"))
    importing.add_argument("--yes", action="store_true", help=t(lang, "admin.help.yes"))
    importing.set_defaults(run=_import)
    delete = commands.add_parser("delete", help=t(lang, "admin.help.delete"))
    delete.add_argument("member", metavar="EMAIL", help=t(lang, "admin.help.member"))
    delete.add_argument("--yes", action="store_true", help=t(lang, "admin.help.yes"))
    delete.set_defaults(run=_delete)
    return parser


def main(
    argv: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    ask: Callable[[str], str] = input,
) -> int:
    """Run one administration command on the configured database; 0 when it succeeded."""
    lang = locale_lang(os.environ if environ is None else environ)
    args = _parser(lang).parse_args(argv)
    args.ask = ask
    url = (os.environ if environ is None else environ).get("SSI_COACH_DATABASE_URL") or None
    try:
        engine = admin.open_database(url)
    except admin.NewerSchema:
        print(t(lang, "safety.newer_schema"), file=sys.stderr)
        return EXIT_FAILED
    except admin.DatabaseUnavailable as unavailable:
        print(t(lang, "admin.database_unreachable", error=unavailable.reason), file=sys.stderr)
        return EXIT_FAILED
    try:
        print(t(lang, "admin.database", url=admin.shown_url(engine)), file=sys.stderr)
        result: int = args.run(engine, lang, args)
        return result
    except admin.UnknownMember as unknown:
        print(t(lang, "admin.unknown_member", who=unknown.who), file=sys.stderr)
    except admin.SeveralMembers as several:
        ids = ", ".join(str(member.profile_id) for member in several.members)
        print(t(lang, "admin.several_members", who=several.who, ids=ids), file=sys.stderr)
    except TransferError as refused:
        print(refused.message(lang), file=sys.stderr)
    finally:
        engine.dispose()
    return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
