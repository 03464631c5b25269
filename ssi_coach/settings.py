"""The keys of the settings the app stores, and the codes a setting whose value is a code takes."""

from __future__ import annotations

from collections.abc import Mapping

from ssi_coach.i18n import Lang
from ssi_coach.model import Role

LANG = "lang"
ROLE = "role"
# Settings whose value is a code: an import refuses any other value for them.
CHOICES: Mapping[str, tuple[str, ...]] = {
    LANG: tuple(lang.value for lang in Lang),
    ROLE: tuple(role.value for role in Role),
}
