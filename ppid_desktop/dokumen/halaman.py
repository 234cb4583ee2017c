"""Paper sizes, page furniture (kop rule, plain rule) and the two-pass numbered canvas."""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import time
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ppid_desktop.core.paths import resource

__all__ = ["paraf_naskah", "waktu_dokumen", "A4", "F4", "FORMAT_HALAMAN", "FORMAT_HALAMAN_STRIP", "MM", "GarisKop", "ukuran_kertas"]

MM: float = float(mm)

A4: tuple[float, float] = (210 * MM, 297 * MM)
"""A4 portrait in points (595.28 × 841.89)."""
F4: tuple[float, float] = (215 * MM, 330 * MM)
"""F4/Folio portrait in points (609.45 × 935.43) — defined explicitly, never Legal."""

FORMAT_HALAMAN = "Halaman {n} dari {total}"
FORMAT_HALAMAN_STRIP = "- {n} -"

_HITAM = colors.black
_ZEBRA = colors.Color(0.93, 0.94, 0.96)
_KEPALA_TABEL = colors.Color(0.84, 0.87, 0.91)
_GARIS_TABEL = colors.Color(0.45, 0.45, 0.45)


def ukuran_kertas(kertas: str, landscape: bool = False) -> tuple[float, float]:
    """Page size in points for ``"A4"`` or ``"F4"``; swapped when ``landscape``."""
    sizes = {"A4": A4, "F4": F4}
    try:
        w, h = sizes[kertas.strip().upper()]
    except KeyError:
        raise ValueError(f"Ukuran kertas '{kertas}' tidak didukung (pilih A4 atau F4).") from None
    return (h, w) if landscape else (w, h)


def _logo_default() -> Path:
    return resource("icons", "logo-default.png")


def _logo_terbaca(path: str | None) -> Path | None:
    """The logo file if it is a readable raster image, else ``None``."""
    if not path:
        return None
    p = Path(path)
    if not p.is_file():
        return None
    try:
        from PIL import Image as PILImage

        with PILImage.open(p) as img:
            img.verify()
    except Exception:
        return None
    return p


def _ukuran_gambar(path: Path) -> tuple[int, int]:
    from PIL import Image as PILImage

    with PILImage.open(path) as img:
        return int(img.size[0]), int(img.size[1])


class Logo(Flowable):  # type: ignore[misc]
    """The kop's logo, drawn once per PDF as a form and reused on every page and letter of that PDF
    (a batch of 60 letters decodes and embeds the image once, not 60 times)."""

    def __init__(self, path: Path, width: float, height: float) -> None:
        super().__init__()
        self.path, self.width, self.height = path, width, height
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        key = "logo" + hashlib.md5(f"{self.path}:{self.width:.2f}:{self.height:.2f}".encode(),
                                   usedforsecurity=False).hexdigest()[:12]
        if not c.hasForm(key):
            c.beginForm(key, lowerx=0, lowery=0, upperx=self.width, uppery=self.height)
            c.drawImage(str(self.path), 0, 0, self.width, self.height, mask="auto")
            c.endForm()
        c.doForm(key)


class GarisKop(Flowable):  # type: ignore[misc]
    """The kop's closing rule: a thick line over a thin one, full frame width."""

    def __init__(self, tebal: float = 2.4, tipis: float = 0.7, jarak: float = 1.6) -> None:
        super().__init__()
        self.tebal = tebal
        self.tipis = tipis
        self.jarak = jarak
        self.lebar = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lebar = avail_width
        return avail_width, self.tebal + self.jarak + self.tipis

    def draw(self) -> None:
        c = self.canv
        tinggi = self.tebal + self.jarak + self.tipis
        c.saveState()
        c.setStrokeColor(_HITAM)
        c.setLineWidth(self.tebal)
        y = tinggi - self.tebal / 2
        c.line(0, y, self.lebar, y)
        c.setLineWidth(self.tipis)
        y = self.tipis / 2
        c.line(0, y, self.lebar, y)
        c.restoreState()


class _Garis(Flowable):  # type: ignore[misc]
    """A single horizontal rule of the frame width (or a fixed width)."""

    def __init__(self, tebal: float = 0.8, lebar: float | None = None, sebelum: float = 2, sesudah: float = 4) -> None:
        super().__init__()
        self.tebal = tebal
        self.lebar_tetap = lebar
        self.lebar = 0.0
        self.sebelum = sebelum
        self.sesudah = sesudah

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lebar = self.lebar_tetap if self.lebar_tetap is not None else avail_width
        return self.lebar, self.sebelum + self.tebal + self.sesudah

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setLineWidth(self.tebal)
        y = self.sesudah + self.tebal / 2
        c.line(0, y, self.lebar, y)
        c.restoreState()


_WAKTU: contextvars.ContextVar[datetime | None] = contextvars.ContextVar("waktu_dokumen", default=None)


@contextlib.contextmanager
def waktu_dokumen(waktu: datetime | None) -> Iterator[None]:
    """PDFs built inside this block carry ``waktu`` as creation/modification date (the signing time of a
    frozen letter); outside it they carry the real time of printing (never reportlab's invariant 2000-01-01)."""
    token = _WAKTU.set(waktu)
    try:
        yield
    finally:
        _WAKTU.reset(token)


class _ParafTunda:
    """The paraf rows an agenda letter must print, for a document built inside :func:`paraf_naskah`."""

    def __init__(self, rows: Sequence[Any]) -> None:
        self.rows = list(rows)
        self.dipakai = False


_PARAF: contextvars.ContextVar[_ParafTunda | None] = contextvars.ContextVar("paraf_naskah", default=None)


@contextlib.contextmanager
def paraf_naskah(rows: Sequence[Any]) -> Iterator[None]:
    """Documents built inside this block print the paraf table ``rows`` (``dokumen.data.Paraf``) even when
    their composer passes none: beside the signature block (``ttd_kanan``) when the layout has one, else
    at the end of the document (``build``). The agenda wraps every composer in it, so every agenda
    letter of every room (monev ones made in batch included) carries the paraf table per the setting."""
    token = _PARAF.set(_ParafTunda(rows) if rows else None)
    try:
        yield
    finally:
        _PARAF.reset(token)


def paraf_tunda() -> list[Any]:
    """The pending paraf rows not yet placed in the document being built (and mark them placed)."""
    t = _PARAF.get()
    if t is None or t.dipakai:
        return []
    t.dipakai = True
    return t.rows


def paraf_dipakai() -> None:
    """A paraf table was placed explicitly: the pending one must not be added again."""
    t = _PARAF.get()
    if t is not None:
        t.dipakai = True


def paraf_sisa() -> list[Any]:
    """At the end of a build: the pending rows no layout placed (then reset for the next document)."""
    t = _PARAF.get()
    if t is None:
        return []
    rows = [] if t.dipakai else t.rows
    t.dipakai = False
    return rows


def _cap_waktu(doc: Any, waktu: datetime | None) -> None:
    """Stamp the document's creation/modification date (local time with its UTC offset)."""
    ts = doc._timeStamp
    t = waktu.timestamp() if waktu is not None else time.time()
    lt = time.localtime(t)
    ts.t, ts.lt, ts.YMDhms = t, tuple(lt), tuple(lt)[:6]
    ts.dhh, ts.dmm, ts.tzname = int(lt.tm_gmtoff / 3600), (lt.tm_gmtoff % 3600) // 60, lt.tm_zone
    # The file ID is seeded with the time too: re-seed it with ours so one time gives one file.
    sig = hashlib.md5(usedforsecurity=False)
    sig.update(b"a reportlab document")
    sig.update(ascii(t).encode())
    doc.signature = sig


class _KanvasBernomor(Canvas):  # type: ignore[misc]
    """Two-pass canvas: pages are kept until ``save`` so each can print "Halaman n dari total".

    Numbers are printed only when the document has more than one page.
    """

    def __init__(
        self,
        *args: Any,
        format_halaman: str = FORMAT_HALAMAN,
        font_halaman: str = "LiberationSans-Regular",
        ukuran_halaman: float = 9,
        y_halaman: float = 12 * MM,
        **kwargs: Any,
    ) -> None:
        kwargs["invariant"] = 0
        super().__init__(*args, **kwargs)
        _cap_waktu(self._doc, _WAKTU.get())
        self._halaman: list[dict[str, Any]] = []
        self._format_halaman = format_halaman
        self._font_halaman = font_halaman
        self._ukuran_halaman = ukuran_halaman
        self._y_halaman = y_halaman

    def showPage(self) -> None:
        self._halaman.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._halaman)
        for state in self._halaman:
            self.__dict__.update(state)
            if total > 1 and self._format_halaman:
                self._gambar_nomor(total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _gambar_nomor(self, total: int) -> None:
        teks = self._format_halaman.format(n=self._pageNumber, total=total)
        self.saveState()
        self.setFont(self._font_halaman, self._ukuran_halaman)
        self.setFillColor(_HITAM)
        self.drawCentredString(self._pagesize[0] / 2, self._y_halaman, teks)
        self.restoreState()
