"""Reflow at 320 px (WCAG 1.4.10) and the focus ring's contrast (WCAG 1.4.11) on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from .browsing import every_html_page, settled_evaluate

# The page's width and what is wider than it, except inside a table's own scroll box.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) return false;
    return !el.closest(".table-scroll") && getComputedStyle(el).position !== "absolute";
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    culprits: wide.slice(0, 3).map((el) => el.tagName + "." + el.className + "#" + el.id),
  };
}"""

# The focused element's outline and the background around it (its first opaque ancestor).
FOCUS_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  // A date field's calendar button has the focus: Chromium gives no computed style for it
  // (the stylesheet's ::-webkit-calendar-picker-indicator:focus-visible rule draws its ring).
  const date = el.matches("input[type=date]");
  if (date && !el.matches(":focus-visible") && style.outlineStyle === "none") return {picker: true};
  let bg = "rgb(255, 255, 255)";
  for (let a = el.parentElement; a; a = a.parentElement) {
    const c = getComputedStyle(a).backgroundColor;
    if (c && c !== "transparent" && !c.endsWith(", 0)")) { bg = c; break; }
  }
  return {
    what: el.tagName + "." + el.className + "#" + el.id,
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    color: style.outlineColor,
    background: bg,
  };
}"""


def _luminance(rgb: str) -> float:
    channels = [int(float(x)) / 255 for x in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_of_known_colours():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    # The amber ring this replaced: 1.8:1 on white.
    assert contrast("rgb(245, 180, 0)", "rgb(255, 255, 255)") < 3


TABS_PER_PAGE = 12


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_scrolls_sideways_at_320px_and_focus_is_visible(live_server, site_pages, browser):
    overflowing, faint, seen, dates = [], [], [], []
    pickers = 0
    for target, page in every_html_page(
        browser, live_server, viewport={"width": 320, "height": 640}
    ):
        seen.append(target.name)
        result = settled_evaluate(page, OVERFLOW)
        if result["scrollWidth"] > 320:
            overflowing.append(f"{target.name} {target.url}: {result}")
        rings = []
        for _ in range(TABS_PER_PAGE):
            page.keyboard.press("Tab")
            rings.append(settled_evaluate(page, FOCUS_RING))
        # The date fields (and their picker button), reached with the keyboard too.
        for date_input in page.locator('input[type="date"]').all()[:1]:
            date_input.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")
            rings.append(settled_evaluate(page, FOCUS_RING))
            dates.append(target.name)
        pickers += sum(1 for ring in rings if ring and ring.get("picker"))
        for ring in filter(None, rings):
            if ring.get("picker"):
                continue
            ratio = contrast(ring["color"], ring["background"])
            if ring["style"] == "none" or ring["width"] < 2 or ratio < 3:
                faint.append(f"{target.name} {target.url}: {ring} ({ratio:.1f}:1)")
    assert overflowing == []
    assert faint == []
    assert {"wagtail_serve", "selfcheck:step", "livrets:section", "review:section"} <= set(seen)
    assert "livrets:detail" in dates  # the journey dates
    if pickers:  # the calendar buttons reached have the stylesheet's ring
        css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_text()
        picker = "::-webkit-calendar-picker-indicator:focus-visible {"
        assert f"{picker} outline: 3px solid var(--focus)" in css
