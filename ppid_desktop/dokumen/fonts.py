"""Embedded TrueType fonts for every naskah (Liberation, metric-compatible with Arial / Times New Roman).

``register_fonts()`` registers the Liberation families once (idempotent, thread-safe) with reportlab's
family mapping so ``<b>``/``<i>`` work inside Paragraphs. ``font_family(nama)`` maps an office profile's
font name to a registered family. The unembedded standard Helvetica is never used.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ppid_desktop.core.paths import resource

__all__ = ["SANS", "SERIF", "Keluarga", "font_family", "keluarga", "register_fonts"]

SANS = "LiberationSans"
SERIF = "LiberationSerif"

_VARIAN: dict[str, str] = {"normal": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}

# Profile font names that are sans-serif; every other name falls back to the serif family.
_NAMA_SANS = frozenset(
    {"arial", "helvetica", "liberation sans", "arimo", "calibri", "tahoma", "verdana", "segoe ui", "sans", "sans-serif"}
)

_lock = threading.Lock()
_registered = False


@dataclass(frozen=True)
class Keluarga:
    """The four registered face names of one family."""

    normal: str
    bold: str
    italic: str
    bold_italic: str


def keluarga(family: str) -> Keluarga:
    """Face names of a registered family (``SANS`` or ``SERIF``)."""
    return Keluarga(
        normal=f"{family}-Regular",
        bold=f"{family}-Bold",
        italic=f"{family}-Italic",
        bold_italic=f"{family}-BoldItalic",
    )


def register_fonts() -> None:
    """Register the Liberation Sans and Serif families with reportlab (safe to call many times)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for family in (SANS, SERIF):
            faces = keluarga(family)
            for attr, suffix in _VARIAN.items():
                face = getattr(faces, attr)
                path = resource("fonts", f"{family}-{suffix}.ttf")
                if not path.is_file():
                    raise FileNotFoundError(f"Berkas huruf tidak ditemukan: {path}")
                pdfmetrics.registerFont(TTFont(face, str(path)))
            pdfmetrics.registerFontFamily(
                family, normal=faces.normal, bold=faces.bold, italic=faces.italic, boldItalic=faces.bold_italic
            )
        _default_embedded(keluarga(SANS))
        _registered = True


def _default_embedded(faces: Keluarga) -> None:
    """Make reportlab's defaults (table cells, paragraph styles, chart labels, the canvas preamble) the
    embedded Liberation Sans instead of the unembedded standard Helvetica, for every document in this
    process, including tables and charts built outside the kit."""
    from reportlab import rl_config
    from reportlab.graphics import shapes
    from reportlab.lib import styles
    from reportlab.platypus import tables

    rl_config.canvas_basefontname = faces.normal
    tables.CellStyle.fontname = faces.normal
    styles.ParagraphStyle.defaults["fontName"] = faces.normal
    styles.ParagraphStyle.defaults["bulletFontName"] = faces.normal
    shapes.STATE_DEFAULTS["fontName"] = faces.normal


def font_family(nama: str) -> str:
    """Registered family for a profile font name: Arial-like -> Liberation Sans, anything else -> Serif."""
    register_fonts()
    return SANS if nama.strip().lower() in _NAMA_SANS else SERIF
