"""Time and weigh the largest imports: python -m benchmarks.import_size (make bench).

The largest files an import accepts are built: a zip holding every table as full as it may be
(a reading and a skip day every day since 2014, every task ticked every day, MAX_ROWS answers,
pasted pages filling what MAX_UNPACKED_BYTES leaves) and a JSON file at the upload limit. So
are files that must be refused early: a manifest announcing a million ticks, a zip whose
answers file holds forty times its limit, a CSV file of answers at the upload limit, and a
JSON file nested past Python's reader after five megabytes of valid rows.

Each file is read by read_import in a fresh process, once for the time and the growth of the
process's peak resident memory, once under tracemalloc for the peak of what the reading
allocated. The targets, for every file: at most TARGET_SECONDS and TARGET_MB. The two largest
files then go through the data service into an empty SQLite database, step by step as the data
page takes them: read, preview, backup and write, preview again over the full database, export.
These are figures printed for a person, never assertions of a test.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssi_coach.records import AnswersRecord, KpiEntry, ProfileData, TickRecord

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 5.0
TARGET_MB = 200.0
MB = 1024 * 1024
# A pasted page as the check-in keeps it, to be repeated up to the size each reading gets.
PAGE = (
    "Votre Social Selling Index\nSSI actuel\n53 sur 100\nÉtablir votre marque professionnelle\n"
    "12,5\nTrouver les bonnes personnes\n11,25\nEchanger des informations\n9,85\n"
    "Développer des relations\n13\nClassement dans le secteur\nTop 10 %\n"
)


def _first_day() -> date:
    from ssi_coach.model import FIRST_SSI_DATE

    return FIRST_SSI_DATE


def _days(last: date) -> list[date]:
    first = _first_day()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _answers(count: int, start: datetime) -> list[AnswersRecord]:
    from ssi_coach.model import Answers, Goal, Role
    from ssi_coach.records import AnswersRecord

    answers = Answers(Goal.PROSPECTING, Role.FREELANCE, False, 20, "DAF de PME", sector="SaaS")
    return [AnswersRecord(start + timedelta(minutes=n), answers) for n in range(count)]


def _ticks(days: list[date], limit: int) -> list[TickRecord]:
    from ssi_coach.records import TickRecord
    from ssi_coach.transfer import TASK_LEVERS

    ticks = []
    # A tick is never stamped in the future: before 9 a.m. today's ticks are stamped now.
    now = datetime.now().replace(microsecond=0)
    for day in days:
        stamp = min(datetime(day.year, day.month, day.day, 9), now)
        for key, lever in TASK_LEVERS.items():
            ticks.append(TickRecord(day, key, lever.value, 5, stamp))
    return ticks[:limit]


def fullest_profile(page_chars: int) -> ProfileData:
    """Return a profile holding as many rows as an import takes, pages of page_chars each."""
    from ssi_coach.model import KpiMonth, Reading
    from ssi_coach.months import add_months, month_of
    from ssi_coach.records import (
        DRAFT_CODES,
        DRAFT_TEXT_MAX,
        DayMark,
        DraftEdit,
        KpiEntry,
        ProfileData,
        ReadingRecord,
        Setting,
    )
    from ssi_coach.transfer import HOLIDAY_HORIZON, MAX_ROWS

    today = date.today()
    days = _days(today)
    page = (PAGE * (page_chars // len(PAGE) + 1))[:page_chars]
    readings = [
        ReadingRecord(Reading(day, 12.5, 11.25, 9.853, 13, 10, 12, 35.5, 34.25), page, "1", "IT")
        for day in days[: MAX_ROWS["readings"]]
    ]
    ahead = [today + timedelta(days=n) for n in range(1, HOLIDAY_HORIZON.days + 1)]
    marks = [DayMark(day, "skip") for day in days] + [DayMark(day, "holiday") for day in ahead]
    months: list[KpiEntry] = []
    month = month_of(_first_day())
    while month <= today:
        months.append(KpiEntry(KpiMonth(month, 12000, 400, 5, 2), 3000, 150))
        month = add_months(month, 1)
    start = datetime(2015, 1, 1, 9)
    return ProfileData(
        readings=tuple(readings),
        answers=tuple(_answers(MAX_ROWS["answers"], start)),
        routine_ticks=tuple(_ticks(days, MAX_ROWS["routine_ticks"])),
        day_marks=tuple(marks[: MAX_ROWS["day_marks"]]),
        kpi_months=tuple(months),
        settings=(Setting("lang", "fr"), Setting("role", "freelance")),
        drafts=tuple(DraftEdit(code, "Texte " * (DRAFT_TEXT_MAX // 6)) for code in DRAFT_CODES),
    )


def unpacked(content: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(info.file_size for info in archive.infolist())


def largest_zip(head: str) -> bytes:
    """Return the zip export of the fullest profile, its pages as long as the limits allow."""
    from ssi_coach.transfer import MAX_IMPORT_BYTES, MAX_UNPACKED_BYTES, export_zip

    low, high = 0, 20_000
    best = export_zip(fullest_profile(0), head, "fr")
    while high - low > 50:
        chars = (low + high) // 2
        content = export_zip(fullest_profile(chars), head, "fr")
        fits = unpacked(content) <= MAX_UNPACKED_BYTES and len(content) <= MAX_IMPORT_BYTES
        low, high = (chars, high) if fits else (low, chars)
        best = content if fits else best
    return best


def largest_json(head: str, room: int = 0) -> bytes:
    """Return a JSON export just under the upload limit, less room: answers, then ticks."""
    from ssi_coach.records import ProfileData
    from ssi_coach.transfer import MAX_IMPORT_BYTES, MAX_ROWS, export_json

    days = _days(date.today())
    answers = tuple(_answers(MAX_ROWS["answers"], datetime(2015, 1, 1, 9)))
    low, high = 0, MAX_ROWS["routine_ticks"]
    best = export_json(ProfileData(answers=answers), head)
    while high - low > 10:
        count = (low + high) // 2
        ticks = tuple(_ticks(days, count))
        content = export_json(ProfileData(answers=answers, routine_ticks=ticks), head)
        fits = len(content) <= MAX_IMPORT_BYTES - room
        low, high = (count, high) if fits else (low, count)
        best = content if fits else best
    return best


def manifest_announcing_a_million_ticks(zip_export: bytes) -> bytes:
    files = _members(zip_export)
    rows = f"rows.routine_ticks;{1_000_000}".encode()
    manifest = b"\r\n".join(
        rows if line.startswith(b"rows.routine_ticks;") else line
        for line in files["manifest.csv"].split(b"\r\n")
    )
    return _zipped(files | {"manifest.csv": manifest})


def answers_past_their_limit(head: str) -> bytes:
    """Return a zip whose answers file holds forty times its limit, its manifest saying less."""
    from ssi_coach.records import ProfileData
    from ssi_coach.transfer import MAX_ROWS, export_zip, file_name

    answers = ProfileData(answers=tuple(_answers(1, datetime(2015, 1, 1, 9))))
    files = _members(export_zip(answers, head, "fr"))
    name = file_name("answers", "fr")
    header, _, body = files[name].partition(b"\r\n")
    row = body.split(b"\r\n")[0].decode("utf-8")
    stamp, _, rest = row.partition(";")
    start = datetime.fromisoformat(stamp)
    rows = (
        f"{(start + timedelta(seconds=n)).isoformat()};{rest}"
        for n in range(40 * MAX_ROWS["answers"])
    )
    files[name] = header + b"\r\n" + "\r\n".join(rows).encode("utf-8") + b"\r\n"
    return _zipped(files)


def answers_csv_at_the_upload_limit(head: str) -> bytes:
    from ssi_coach.records import ProfileData
    from ssi_coach.transfer import MAX_IMPORT_BYTES, export_zip, file_name

    answers = _answers(60_000, datetime(2015, 1, 1, 9))
    content = _members(export_zip(ProfileData(answers=tuple(answers)), head, "fr"))
    text = content[file_name("answers", "fr")]
    return text[: text.rindex(b"\r\n", 0, MAX_IMPORT_BYTES) + 2]


DEEP = "[" * 100_000 + "]" * 100_000


def nested_after_valid_rows(head: str) -> bytes:
    """Return a JSON file at the upload limit, its last tick's minutes nested 100,000 deep."""
    text = largest_json(head, room=len(DEEP)).decode("utf-8")
    cut = text.rindex('"minutes": 5')
    deep = DEEP
    return (text[:cut] + '"minutes": ' + deep + text[cut + len('"minutes": 5') :]).encode()


def _members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@dataclass(frozen=True)
class Reading:
    """What one read of a file gave: its outcome, its time and its memory."""

    outcome: str
    seconds: float
    cpu: float
    peak_mb: float
    rss_mb: float


def _rss_mb() -> float:
    """Return this process's peak resident memory so far, in megabytes."""
    # ru_maxrss carries the parent's peak over fork and exec; VmHWM starts again with exec.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_once(path: Path, traced: bool) -> dict[str, object]:
    """Read one file as the data page does, in this process; return what it gave."""
    from ssi_coach.store.revisions import schema_revisions
    from ssi_coach.store.transfer import text_limits
    from ssi_coach.transfer import TransferError, read_import

    content = path.read_bytes()
    schemas, limits = schema_revisions(), text_limits()
    rss_before = _rss_mb()
    if traced:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    try:
        incoming = read_import(content, schemas, limits, path.name)
        outcome = f"accepted, {sum(incoming.data.counts().values()):,} rows"
    except TransferError as error:
        outcome = f"refused: {error.message('en')[:90]}"
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] / MB if traced else 0.0
    return {
        "outcome": outcome,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak,
        "rss_mb": _rss_mb() - rss_before,
    }


def measure(path: Path) -> Reading:
    """Return the time and memory of reading a file, each in a fresh process."""

    timed, traced = _child("--read", str(path), "time"), _child("--read", str(path), "trace")
    return Reading(
        str(timed["outcome"]),
        float(str(timed["seconds"])),
        float(str(timed["cpu"])),
        float(str(traced["peak_mb"])),
        float(str(timed["rss_mb"])),
    )


def import_once(path: Path) -> dict[str, float]:
    """Import a file through the data service into an empty SQLite file, step by step.

    Each step gives its seconds, and the process's peak memory after it above where it began.
    """
    from ssi_coach.services import data
    from ssi_coach.services.repo import open_default
    from ssi_coach.store.engine import make_engine
    from ssi_coach.store.lifecycle import migrate

    content = path.read_bytes()
    found: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="ssi-coach-import-") as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate(engine)
        repo = open_default(engine)
        base = _rss_mb()
        start = time.perf_counter()
        incoming = data.read_upload(content, path.name)
        found["read"] = time.perf_counter() - start
        found["read MB"] = _rss_mb() - base
        steps: dict[str, Callable[[], object]] = {
            "preview": lambda: data.preview_upload(repo, incoming),
            "backup and write": lambda: data.import_upload(repo, incoming),
            "preview again": lambda: data.preview_upload(repo, incoming),
            "export zip": lambda: data.export_file_zip(repo, "fr"),
        }
        for step, run in steps.items():
            start = time.perf_counter()
            run()
            found[step] = time.perf_counter() - start
            found[f"{step} MB"] = _rss_mb() - base
        engine.dispose()
    return found


def _child(*arguments: str) -> dict[str, object]:
    command = [sys.executable, "-m", "benchmarks.import_size", *arguments]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    found: dict[str, object] = json.loads(done.stdout)
    return found


def main() -> int:
    """Print each file's size, outcome, time and memory against the targets."""
    from ssi_coach.store.revisions import schema_revisions
    from ssi_coach.transfer import MAX_IMPORT_BYTES

    head = schema_revisions()[-1]
    zip_export = largest_zip(head)
    json_export = largest_json(head)
    files = {
        "largest zip accepted": zip_export,
        "largest JSON accepted": json_export,
        "manifest announcing 1,000,000 ticks": manifest_announcing_a_million_ticks(zip_export),
        "answers at 40x their limit in a zip": answers_past_their_limit(head),
        "answers CSV at the upload limit": answers_csv_at_the_upload_limit(head),
        "JSON nested 100,000 deep at its end": nested_after_valid_rows(head),
    }
    worst = 0.0
    print(
        f"read_import, each file in a fresh process; targets {TARGET_SECONDS:.0f} s and "
        f"{TARGET_MB:.0f} MB; upload limit {MAX_IMPORT_BYTES // MB} MB. 'traced' is the peak "
        "tracemalloc sees, 'rss' the growth of the process's peak resident memory."
    )
    print(
        f"{'file':<38}{'size':>9}{'unpacked':>10}{'wall':>8}{'cpu':>8}{'traced':>9}{'rss':>9}"
        "  outcome"
    )
    with tempfile.TemporaryDirectory(prefix="ssi-coach-bench-") as folder:
        paths: dict[str, Path] = {}
        for label, content in files.items():
            name = "questionnaires.csv" if label.startswith("answers CSV") else "f"
            path = Path(folder) / f"{len(paths)}-{name}"
            path.write_bytes(content)
            paths[label] = path
            found = measure(path)
            size = unpacked(content) if content[:2] == b"PK" else len(content)
            heaviest = max(found.peak_mb, found.rss_mb)
            over = found.seconds > TARGET_SECONDS or heaviest > TARGET_MB
            worst = max(worst, found.seconds / TARGET_SECONDS, heaviest / TARGET_MB)
            print(
                f"{label:<38}{len(content) / MB:>7.2f}MB{size / MB:>8.1f}MB"
                f"{found.seconds:>7.2f}s{found.cpu:>7.2f}s{found.peak_mb:>7.1f}MB"
                f"{found.rss_mb:>7.1f}MB  {found.outcome}{'  ABOVE TARGET' if over else ''}"
            )
        for label in ("largest zip accepted", "largest JSON accepted"):
            steps = {
                step: float(str(value))
                for step, value in _child("--import", str(paths[label])).items()
            }
            shown = ", ".join(
                f"{step} {seconds:.2f} s (+{steps[f'{step} MB']:.0f} MB)"
                for step, seconds in steps.items()
                if not step.endswith(" MB")
            )
            print(f"{label}, through the data service into an empty SQLite file; each step's")
            print(f"  time, and the peak memory after it above the start: {shown}")
    return 1 if worst > 1 else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read"]:
        print(json.dumps(read_once(Path(sys.argv[2]), traced=sys.argv[3] == "trace")))
        sys.exit(0)
    if sys.argv[1:2] == ["--import"]:
        print(json.dumps(import_once(Path(sys.argv[2]))))
        sys.exit(0)
    sys.exit(main())
