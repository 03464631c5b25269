"""Review use cases: save the user's own headline or About as theirs, and read the saved ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from ssi_coach.records import ProfileText
from ssi_coach.review import TextKind
from ssi_coach.services.repo import Repo
from ssi_coach.store import profile_texts as profile_texts_store
from ssi_coach.store.profiles import now as stored_now


class SaveOutcome(StrEnum):
    """What saving a text did: a new version, or nothing as it was already the latest."""

    SAVED = "saved"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SavedTexts:
    """The saved versions of the headline and of the About, each newest first."""

    headline: tuple[ProfileText, ...] = ()
    about: tuple[ProfileText, ...] = ()

    def latest(self, kind: TextKind | str) -> ProfileText | None:
        """Return the newest saved version of a kind, or None when there is none."""
        if kind == TextKind.HEADLINE:
            versions = self.headline
        elif kind == TextKind.ABOUT:
            versions = self.about
        else:
            return None
        return versions[0] if versions else None


def _as_stored(moment: datetime) -> datetime:
    """Return a moment in UTC without a zone, as the store keeps moments."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def save_profile_text(
    repo: Repo, kind: TextKind, text: str, now: datetime | None = None
) -> SaveOutcome:
    """Save a text as the user's current headline or About, unless it is already the latest.

    Surrounding whitespace is dropped. A bad kind or text raises InvalidInput and saves nothing.
    now: the moment of the save, in UTC without a zone (the current one by default).
    """
    # Validated before anything is read: a wrong kind or text never reaches the store.
    version = ProfileText(kind, _as_stored(now or stored_now()), text.strip())
    stored = profile_texts_store.add_profile_text(repo.engine, repo.profile_id, version)
    return SaveOutcome.UNCHANGED if stored is None else SaveOutcome.SAVED


def profile_texts(repo: Repo) -> SavedTexts:
    """Return every saved version of the headline and of the About, newest first."""
    versions = profile_texts_store.list_profile_texts(repo.engine, repo.profile_id)
    return SavedTexts(
        headline=tuple(v for v in versions if v.kind is TextKind.HEADLINE),
        about=tuple(v for v in versions if v.kind is TextKind.ABOUT),
    )
