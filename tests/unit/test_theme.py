"""The theme in .streamlit/config.toml keeps every text readable: WCAG AA contrast, 4.5:1."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from streamlit import config

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
THEME: dict[str, Any] = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]
SIDEBAR: dict[str, Any] = THEME["sidebar"]
AA_TEXT = 4.5
# What shows that a control is there (the box of a checkbox, the edge of a field) asks 3:1.
AA_GRAPHICS = 3.0
# Streamlit draws captions, help texts and placeholders in the text colour at this opacity.
SECONDARY_OPACITY = 0.6
WHITE = "#ffffff"
# A chosen pill or segment is drawn in the primary colour on its tint: the primary colour at 10 %
# over the page, 20 % when hovered or focused.
SELECTED_TINTS = (0.1, 0.2)
# Alerts, metric deltas and coloured text draw each of these text colours on its background.
TONES = ("red", "orange", "yellow", "blue", "green", "violet", "gray")
# Every background text is drawn on: the page, its inputs, the sidebar and the sidebar's inputs.
BACKGROUNDS = {
    "page": THEME["backgroundColor"],
    "inputs": THEME["secondaryBackgroundColor"],
    "sidebar": SIDEBAR["backgroundColor"],
    "sidebar inputs": SIDEBAR["secondaryBackgroundColor"],
}

Rgb = tuple[float, float, float]


def rgb(colour: str) -> Rgb:
    """Return the red, green and blue channels (0-255) of a #rrggbb colour."""
    value = colour.removeprefix("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def faded(colour: str, opacity: float, background: str) -> Rgb:
    """Return what a colour drawn at an opacity over a background shows."""
    (red, green, blue), (under_red, under_green, under_blue) = rgb(colour), rgb(background)
    return (
        opacity * red + (1 - opacity) * under_red,
        opacity * green + (1 - opacity) * under_green,
        opacity * blue + (1 - opacity) * under_blue,
    )


def luminance(channels: Rgb) -> float:
    """Return the WCAG relative luminance of a colour."""

    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(text: str | Rgb, background: str | Rgb) -> float:
    """Return the WCAG contrast ratio of a text colour on a background."""
    shown, under = (rgb(c) if isinstance(c, str) else c for c in (text, background))
    lighter, darker = sorted((luminance(shown), luminance(under)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_every_theme_option_is_one_streamlit_knows() -> None:
    # A misspelt option is ignored by Streamlit without a word, and its colour never applies.
    assert set(THEME) - {"sidebar"} <= set(config.get_options_for_section("theme"))
    assert set(SIDEBAR) <= set(config.get_options_for_section("theme.sidebar"))


def test_the_contrast_formula_gives_wcag_figures() -> None:
    assert round(contrast("#000000", WHITE), 2) == 21
    assert round(contrast("#767676", WHITE), 2) == 4.54


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_body_text_reads_on_every_background(background: str) -> None:
    assert contrast(THEME["textColor"], BACKGROUNDS[background]) >= AA_TEXT


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_caption_text_reads_on_every_background(background: str) -> None:
    under = BACKGROUNDS[background]
    assert contrast(faded(THEME["textColor"], SECONDARY_OPACITY, under), under) >= AA_TEXT


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_the_primary_colour_reads_as_text_on_every_background(background: str) -> None:
    assert contrast(THEME["primaryColor"], BACKGROUNDS[background]) >= AA_TEXT


@pytest.mark.parametrize("opacity", SELECTED_TINTS)
def test_a_chosen_pill_or_segment_reads_on_its_tint(opacity: float) -> None:
    tint = faded(THEME["primaryColor"], opacity, THEME["backgroundColor"])
    assert contrast(THEME["primaryColor"], tint) >= AA_TEXT


def test_white_text_reads_on_a_primary_button() -> None:
    assert contrast(WHITE, THEME["primaryColor"]) >= AA_TEXT


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_links_read_on_every_background(background: str) -> None:
    assert contrast(THEME["linkColor"], BACKGROUNDS[background]) >= AA_TEXT


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_the_edge_of_a_control_stands_out_on_every_background(background: str) -> None:
    assert contrast(THEME["borderColor"], BACKGROUNDS[background]) >= AA_GRAPHICS


def test_code_reads_on_its_background() -> None:
    assert contrast(THEME["codeTextColor"], THEME["codeBackgroundColor"]) >= AA_TEXT


@pytest.mark.parametrize("tone", TONES)
def test_each_alert_and_delta_text_reads_on_its_own_background(tone: str) -> None:
    assert contrast(THEME[f"{tone}TextColor"], THEME[f"{tone}BackgroundColor"]) >= AA_TEXT


@pytest.mark.parametrize("tone", TONES)
def test_each_coloured_text_reads_on_the_page(tone: str) -> None:
    assert contrast(THEME[f"{tone}TextColor"], THEME["backgroundColor"]) >= AA_TEXT
