"""Safe, literal text for the screen: scenario and player text is never markup or escapes."""

from __future__ import annotations

from textual.content import Content

# C0 and C1 control characters (ESC, CSI, BEL, backspace...) except newline and tab.
_CONTROL = {code: None for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
            if code not in (0x09, 0x0A)}
_CONTROL[0x09] = " "

#: Queue badge (three cells) and colour per event kind.
KIND_BADGES: dict[str, tuple[str, str]] = {
    "patient": ("PAT", "$success"),
    "phone": ("TEL", "$accent"),
    "email": ("MSG", "$primary"),
    "staff": ("STF", "$warning"),
    "physician": ("DOC", "$secondary"),
    "compliance": ("CMP", "$error"),
}


def clean(text: str) -> str:
    """``text`` without control characters (terminal escape sequences can't get through)."""
    return str(text).translate(_CONTROL)


def literal(text: str, style: str = "") -> Content:
    """Content that shows ``text`` exactly as written: no markup, no escape sequences."""
    content = Content(clean(text))
    return content.stylize(style) if style else content


def join(*parts: Content | str) -> Content:
    """Concatenate content; plain strings here are our own text, never scenario text."""
    return Content("").join(part if isinstance(part, Content) else Content(part)
                            for part in parts)


def bar(fraction: float, width: int = 10, style: str | None = None) -> Content:
    """A horizontal bar, ``fraction`` (0-1) full; coloured by ``style`` or by how full it is."""
    fraction = max(0.0, min(1.0, fraction))
    filled = round(fraction * width)
    if style is None:
        style = meter_style(fraction)
    return join(Content("█" * filled).stylize(style),
                Content("░" * (width - filled)).stylize("$foreground 30%"))


def meter_style(fraction: float) -> str:
    """Green when comfortable, amber when low, red when critical."""
    if fraction <= 0.25:
        return "$error"
    if fraction <= 0.5:
        return "$warning"
    return "$success"


def badge(kind: str) -> Content:
    """The queue icon of an event kind."""
    label, colour = KIND_BADGES.get(kind, (kind[:3].upper(), "$primary"))
    return Content(f" {label} ").stylize(f"bold $background on {colour}")


def minutes(count: int) -> str:
    """``5 min`` / ``1 h 05``."""
    if count < 60:
        return f"{count} min"
    return f"{count // 60} h {count % 60:02d}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit - 1].rsplit(" ", 1)[0] + "…"


#: A non-best answer that still earned at least this share of its points is "good".
GOOD_SHARE = 0.5


def verdict(was_best: bool, earned: dict[str, float],
            possible: dict[str, float]) -> tuple[str, str]:
    """The mark and style of an answer: ✓ the best available, ◐ good but not the best
    (half its points or more), ✗ a poorer answer. The marks differ in shape, not only colour."""
    if was_best:
        return "✓ ", "bold $success"
    total = sum(possible.values())
    if total and sum(earned.values()) / total >= GOOD_SHARE:
        return "◐ ", "bold $warning"
    return "✗ ", "bold $error"
