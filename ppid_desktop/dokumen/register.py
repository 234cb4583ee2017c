"""Registers drawn, not flowed: a purpose-built table renderer straight onto the reportlab canvas.

A 10,000-row register through platypus (one ``Table`` per page, every cell laid out by the framework)
costs seconds; a register has only text cells, so it is drawn here directly:

1. **measure** (first pass over the rows, nothing kept): per column the widest word and the widest line
   (``pdfmetrics.stringWidth``, only for texts that could beat the current best by their length), then the
   width rule of :func:`ppid_desktop.dokumen.tabel.lebar_kolom` — a column is never narrower than its
   widest word, so numbers, dates, NIK and letter numbers never break;
2. **draw** (second pass): each cell is wrapped at word boundaries (``simpleSplit``), a row takes the
   height of its longest cell, rows of one page are kept until the page is full and then drawn in one go
   (header fill and zebra rectangles, one text object, one set of grid lines); the header row is repeated
   on every page; a row taller than a whole page continues on the next one.

Page 1 carries the kop and the title (platypus flowables drawn on the canvas); every page a page number
("Halaman n dari N", drawn from a per-page form defined once the total is known, so no page is kept in
memory); the end carries the count line and the signature block together (the last rows are carried
over with them rather than leaving the signature alone on a page).

Rows come from an iterable (a sequence, or a zero-argument callable returning an iterator, e.g. a query):
read **once**; the measuring pass writes each row's texts to a spooled temporary file (``marshal``, in
memory up to 1 MB, on disk beyond) that the drawing pass reads back. Memory holds one page of rows plus
the PDF being written.
"""

from __future__ import annotations

import io
import marshal
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ppid_desktop.core.errors import UserError
from ppid_desktop.dokumen.halaman import _GARIS_TABEL, _HITAM, _KEPALA_TABEL, _WAKTU, _ZEBRA, MM, _cap_waktu
from ppid_desktop.dokumen.tabel import _ANGKA

__all__ = ["Baris", "GayaRegister", "gambar_register", "ukur_kolom"]

Baris = Iterable[Sequence[object]] | Callable[[], Iterable[Sequence[object]]]
"""Rows of a drawn register: a sequence, or a callable returning an iterator (read once)."""


@dataclass
class GayaRegister:
    """Geometry of a drawn register (points)."""

    font: str
    font_kepala: str
    ukuran: float
    leading: float
    pad_h: float = 2.5
    pad_v: float = 1.6
    garis: float = 0.4
    kolom_angka: list[bool] = field(default_factory=list)


def _iter(baris: Baris) -> Iterable[Sequence[object]]:
    return baris() if callable(baris) else baris


def _maks_glyph(font: str, ukuran: float) -> float:
    f = getFont(font)
    widths = getattr(getattr(f, "face", None), "charWidths", None)
    em = max(widths.values()) if isinstance(widths, dict) and widths else 1000
    return float(em) * ukuran / 1000.0


@dataclass
class Ukuran:
    """What the measuring pass found: per column the widest word and line, whether every value is a
    number (for the columns asked), and the row count."""

    kata: list[float]
    garis: list[float]
    angka: list[bool]
    jumlah: int


def ukur_kolom(kolom: Sequence[str], baris: Iterable[Sequence[str]], *, font: str, font_kepala: str, ukuran: float,
               batas_baris: float, cek_angka: Sequence[bool] = ()) -> Ukuran:
    """One streaming pass: per column the widest word and the widest line (a line is only measured up to
    ``batas_baris``), whether the columns of ``cek_angka`` hold only numbers, and the row count. Header
    words are measured in ``font_kepala``. Rows are texts."""
    n = len(kolom)
    cek = [i for i in range(n) if i < len(cek_angka) and cek_angka[i]]
    angka = [False] * n
    ada = [False] * n
    glyph = _maks_glyph(font, ukuran)
    kata = [max((float(stringWidth(w, font_kepala, ukuran)) for w in k.split()), default=0.0) for k in kolom]
    garis = list(kata)
    cache: dict[str, float] = {}  # registers repeat the same words (jobs, OPD, decisions) on every row

    def lebar(teks: str) -> float:
        w = cache.get(teks)
        if w is None:
            if len(cache) > 100_000:
                cache.clear()
            w = cache[teks] = float(stringWidth(teks, font, ukuran))
        return w

    count = 0
    for count, row in enumerate(baris, 1):  # noqa: B007
        if len(row) != n:
            raise ValueError(f"Baris {count} berisi {len(row)} sel, seharusnya {n}.")
        for i in cek:
            v = row[i].strip()
            if v and v != "-":
                if _ANGKA.match(v):
                    ada[i] = True
                else:
                    cek = [j for j in cek if j != i]
                    angka[i] = False
        for i in range(n):
            t = row[i]
            ub = len(t) * glyph
            if ub <= kata[i] and (ub <= garis[i] or garis[i] >= batas_baris):
                continue
            for line in t.split("\n") if "\n" in t else (t,):
                ub = len(line) * glyph
                if ub > garis[i] and garis[i] < batas_baris:
                    w_line = lebar(line)
                    if w_line > garis[i]:
                        garis[i] = w_line
                if ub > kata[i]:
                    batas = kata[i] / glyph
                    for w in line.split():
                        if len(w) > batas:
                            w_kata = lebar(w)
                            if w_kata > kata[i]:
                                kata[i] = w_kata
                                batas = w_kata / glyph
    for i in cek:
        angka[i] = ada[i]
    return Ukuran(kata, [max(g, k) for g, k in zip(garis, kata, strict=True)], angka, count)


def _potong_kata(line: str, font: str, ukuran: float, lebar: float) -> list[str]:
    """A line wider than ``lebar`` (only when the columns had to be scaled below their widest word) cut
    letter by letter, so nothing runs over the grid."""
    out, cur = [], ""
    for ch in line:
        if cur and stringWidth(cur + ch, font, ukuran) > lebar:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    return [*out, cur] if cur else out


class _Penggambar:
    """Draws the rows of a register page by page onto one canvas."""

    def __init__(self, c: Canvas, g: GayaRegister, *, x0: float, widths: Sequence[float], aligns: Sequence[str],
                 kolom: Sequence[str], atas: float, bawah: float, skala: bool) -> None:
        self.c, self.g = c, g
        self.widths = list(widths)
        self.xs = [x0]
        for w in widths:
            self.xs.append(self.xs[-1] + w)
        self.aligns = list(aligns)
        self.atas, self.bawah = atas, bawah
        self.skala = skala
        self.glyph = _maks_glyph(g.font, g.ukuran)
        self.ruang = [w - 2 * g.pad_h for w in widths]
        self.halaman = 0
        self.kepala = [self._bungkus(k, i, g.font_kepala) for i, k in enumerate(kolom)]
        self.h_kepala = max(len(x) for x in self.kepala) * g.leading + 2 * g.pad_v
        self.turun = g.ukuran * 0.86  # first baseline below the top padding (cap height plus a little)
        self._font = getFont(g.font)
        self._kode: dict[str, tuple[float, list[tuple[int, str]]]] = {}
        self._tf: dict[int, str] = {}
        self._memo: dict[tuple[int, str], list[str]] = {}

    # --------------------------------------------------------------------------------------- encoding
    def _encode(self, ln: str) -> tuple[float, list[tuple[int, str]]]:
        """Width and PDF text operators of one body line (reportlab's own subset split and escaping)."""
        if len(self._kode) > 4096:  # bounded: memory must not follow the rows
            self._kode.clear()
        doc = self.c._doc
        ops = [(subset, f"({self.c._escape(part)}) Tj") for subset, part in self._font.splitString(ln, doc)]
        k = (float(stringWidth(ln, self.g.font, self.g.ukuran)), ops)
        self._kode[ln] = k
        return k

    def _tf_baru(self, subset: int) -> str:
        name = self._font.getSubsetInternalName(subset, self.c._doc)
        op = f"{name} {fp_str(self.g.ukuran)} Tf {fp_str(self.g.leading)} TL"
        self._tf[subset] = op
        return op

    # --------------------------------------------------------------------------------------- wrapping
    def _bungkus(self, t: str, i: int, font: str | None = None) -> list[str]:
        fn = font or self.g.font
        size, ruang = self.g.ukuran, self.ruang[i]
        if "\n" not in t and (len(t) * self.glyph <= ruang or stringWidth(t, fn, size) <= ruang):
            return [t]
        lines = simpleSplit(t, fn, size, ruang) or [""]
        if self.skala:
            cut: list[str] = []
            for ln in lines:
                cut.extend(_potong_kata(ln, fn, size, ruang) if stringWidth(ln, fn, size) > ruang else [ln])
            lines = cut
        return lines

    def sel(self, row: Sequence[str]) -> list[list[str]]:
        """The wrapped lines of every cell; a text already wrapped in this column is not wrapped again
        (registers repeat addresses, jobs, OPD and decisions; the memo is bounded)."""
        memo = self._memo
        out = []
        for i, t in enumerate(row):
            lines = memo.get((i, t))
            if lines is None:
                if len(memo) > 4096:
                    memo.clear()
                lines = memo[(i, t)] = self._bungkus(t, i)
            out.append(lines)
        return out

    def tinggi(self, cells: Sequence[Sequence[str]]) -> float:
        return max(len(x) for x in cells) * self.g.leading + 2 * self.g.pad_v

    # --------------------------------------------------------------------------------------- drawing
    def halaman_baru(self) -> None:
        if self.halaman:
            self.c.showPage()
            _padatkan_halaman(self.c)
        self.halaman += 1

    def akhiri_halaman(self) -> None:
        """The page number (a form filled in at the end, once the total is known)."""
        self.c.doForm(f"halaman{self.halaman}")

    def gambar(self, top: float, rows: Sequence[tuple[list[list[str]], float, int]]) -> float:
        """Header and ``rows`` (cells, height, index) from ``top`` down; returns the table's bottom."""
        c, g = self.c, self.g
        xs, x0, x1 = self.xs, self.xs[0], self.xs[-1]
        c.saveState()
        c.setFillColor(_KEPALA_TABEL)
        c.rect(x0, top - self.h_kepala, x1 - x0, self.h_kepala, stroke=0, fill=1)
        y = top - self.h_kepala
        c.setFillColor(_ZEBRA)
        for _cells, h, idx in rows:
            if idx % 2 == 1:
                c.rect(x0, y - h, x1 - x0, h, stroke=0, fill=1)
            y -= h
        bottom = y
        c.setFillColor(_HITAM)
        t = c.beginText()
        # header: bold, centred, vertically centred
        t.setFont(g.font_kepala, g.ukuran, g.leading)
        for i, lines in enumerate(self.kepala):
            yy = top - (self.h_kepala - len(lines) * g.leading) / 2 - self.turun - (g.leading - g.ukuran) / 2
            for ln in lines:
                t.setTextOrigin(xs[i] + (self.widths[i] - stringWidth(ln, g.font_kepala, g.ukuran)) / 2, yy)
                t.textOut(ln)
                yy -= g.leading
        t.setFont(g.font, g.ukuran, g.leading)
        # Body cells: the text object's operators written here, each distinct line encoded once per
        # document (registers repeat the same jobs, OPD, decisions and dates on every page).
        code = t._code
        kode = self._kode
        sub = t._curSubset
        tf = self._tf
        y = top - self.h_kepala
        for cells, h, _idx in rows:
            base = y - g.pad_v - self.turun
            for i, lines in enumerate(cells):
                a = self.aligns[i]
                yy = base
                for ln in lines:
                    if ln:
                        k = kode.get(ln)
                        if k is None:
                            k = self._encode(ln)
                        if a == "LEFT":
                            x = xs[i] + g.pad_h
                        elif a == "RIGHT":
                            x = xs[i + 1] - g.pad_h - k[0]
                        else:
                            x = xs[i] + (self.widths[i] - k[0]) / 2
                        code.append(f"1 0 0 1 {x:.2f} {yy:.2f} Tm")
                        for subset, ops in k[1]:
                            if subset != sub:
                                code.append(tf[subset] if subset in tf else self._tf_baru(subset))
                                sub = subset
                            code.append(ops)
                    yy -= g.leading
            y -= h
        t._curSubset = sub
        c.drawText(t)
        c.setStrokeColor(_GARIS_TABEL)
        c.setLineWidth(g.garis)
        grid = [(x, top, x, bottom) for x in xs]
        yy = top
        grid.append((x0, yy, x1, yy))
        yy -= self.h_kepala
        grid.append((x0, yy, x1, yy))
        for _cells, h, _idx in rows:
            yy -= h
            grid.append((x0, yy, x1, yy))
        c.lines(grid)
        c.restoreState()
        return bottom


def _padatkan_halaman(c: Canvas) -> None:
    """Compress the page just finished now (reportlab keeps every page's text until ``save``): memory
    then holds compressed pages only, and the stream is plain Flate (no ASCII85 on top)."""
    page = c._doc.Pages.pages[-1]
    stream = getattr(page, "stream", None)
    if page.Contents or not stream:
        return
    data = stream.encode("utf8") if isinstance(stream, str) else bytes(stream)
    page.Contents = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}), zlib.compress(data, 6))
    page.stream = None


def _gambar_flowables(c: Canvas, flowables: Sequence[Flowable], x: float, y: float, lebar: float) -> float:
    """Draw ``flowables`` top-down from ``y``; returns the y under the last one."""
    for f in flowables:
        y -= f.getSpaceBefore()
        _, h = f.wrapOn(c, lebar, y)
        f.drawOn(c, x, y - h)
        y -= h + f.getSpaceAfter()
    return y


def _tinggi_flowables(c: Canvas, flowables: Sequence[Flowable], lebar: float) -> float:
    return float(sum(f.wrapOn(c, lebar, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables))


def gambar_register(
    *,
    kolom: Sequence[str],
    baris: Baris,
    teks: Callable[[object], str],
    pagesize: tuple[float, float],
    margin: tuple[float, float, float, float],
    gaya: GayaRegister,
    lebar_kolom: Callable[[list[float], list[float], float], list[float]],
    rata: Sequence[str | None],
    pembuka: Sequence[Flowable],
    penutup: Callable[[int], Sequence[Flowable]],
    nomor_halaman: Callable[[int, int], str] | None,
    font_halaman: tuple[str, float],
    meta: dict[str, str],
) -> bytes:
    """Draw a register (see the module docstring) and return the PDF bytes.

    ``rata``: per column ``"LEFT"``/``"CENTER"``/``"RIGHT"``, or ``None``: right when every value is a
    number, else left; ``margin`` = (atas, kanan, bawah, kiri) in points; ``lebar_kolom(min_words, widest_lines, frame_w)``
    turns the measured widths into column widths; ``pembuka`` is drawn on page 1 above the table;
    ``penutup(count)`` gives the closing flowables (count line, signature); ``nomor_halaman(n, total)``
    the page-number text (``None``: no numbers)."""
    n = len(kolom)
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115  (closed below)

    def simpan(batch: list[list[str]]) -> None:
        blob = marshal.dumps(batch)
        spool.write(len(blob).to_bytes(4, "little"))
        spool.write(blob)

    def teks_baris(src: Iterable[Sequence[object]]) -> Iterable[list[str]]:
        batch: list[list[str]] = []
        for row in src:
            texts = [teks(v) for v in row]
            batch.append(texts)
            if len(batch) == 256:
                simpan(batch)
                batch = []
            yield texts
        if batch:
            simpan(batch)

    def dari_spool() -> Iterable[list[str]]:
        spool.seek(0)
        while head := spool.read(4):
            rows: list[list[str]] = marshal.loads(spool.read(int.from_bytes(head, "little")))
            yield from rows

    rata = [rata[i] if i < len(rata) else None for i in range(n)]
    try:
        return _gambar(kolom, teks_baris(_iter(baris)), dari_spool, pagesize=pagesize, margin=margin, gaya=gaya,
                       lebar_kolom=lebar_kolom, rata=rata, pembuka=pembuka, penutup=penutup,
                       nomor_halaman=nomor_halaman, font_halaman=font_halaman, meta=meta)
    except OSError as exc:  # the temporary folder is full or unwritable
        raise UserError(f"Register tidak dapat disusun: folder sementara {tempfile.gettempdir()} tidak dapat "
                        f"ditulis ({exc.strerror or exc}).") from None
    finally:
        spool.close()


def _gambar(kolom: Sequence[str], pertama: Iterable[list[str]], kedua: Callable[[], Iterable[list[str]]], *,
            pagesize: tuple[float, float], margin: tuple[float, float, float, float], gaya: GayaRegister,
            lebar_kolom: Callable[[list[float], list[float], float], list[float]], rata: list[str | None],
            pembuka: Sequence[Flowable], penutup: Callable[[int], Sequence[Flowable]],
            nomor_halaman: Callable[[int, int], str] | None, font_halaman: tuple[str, float],
            meta: dict[str, str]) -> bytes:
    pw, ph = pagesize
    atas, kanan, bawah, kiri = margin
    frame_w = pw - kiri - kanan
    u = ukur_kolom(kolom, pertama, font=gaya.font, font_kepala=gaya.font_kepala,
                   ukuran=gaya.ukuran, batas_baris=frame_w * 0.45, cek_angka=[r is None for r in rata])
    count = u.jumlah
    pad = 2 * gaya.pad_h + 1
    widths = lebar_kolom([k + pad for k in u.kata], [g + pad for g in u.garis], frame_w)
    skala = any(w < k + 2 * gaya.pad_h - 0.01 for w, k in zip(widths, u.kata, strict=True))
    aligns = [r if r is not None else ("RIGHT" if u.angka[i] else "LEFT") for i, r in enumerate(rata)]

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=pagesize, invariant=0, initialFontName=gaya.font, initialFontSize=gaya.ukuran,
               initialLeading=gaya.leading)
    _cap_waktu(c._doc, _WAKTU.get())
    c.setTitle(meta.get("judul", ""))
    c.setAuthor(meta.get("penulis", ""))
    c.setSubject(meta.get("subjek", ""))
    c.setCreator("PPID Desktop")

    top_frame, bottom = ph - atas, bawah
    p = _Penggambar(c, gaya, x0=kiri, widths=widths, aligns=aligns, kolom=kolom, atas=top_frame, bawah=bottom,
                    skala=skala)
    p.halaman_baru()
    top = _gambar_flowables(c, pembuka, kiri, top_frame, frame_w)
    room_full = top_frame - p.h_kepala - bottom
    room = top - p.h_kepala - bottom
    page: list[tuple[list[list[str]], float, int]] = []
    used = 0.0
    min_row = gaya.leading + 2 * gaya.pad_v

    def flush(rows: Sequence[tuple[list[list[str]], float, int]]) -> None:
        nonlocal top, room, used
        if rows:
            p.gambar(top, rows)
        p.akhiri_halaman()
        p.halaman_baru()
        top, room, used = top_frame, room_full, 0.0

    index = 0
    for row in kedua():
        cells = p.sel(row)
        h = p.tinggi(cells)
        while True:
            if used + h <= room:
                page.append((cells, h, index))
                used += h
                break
            if page:
                flush(page)
                page = []
                continue
            if room < min_row:  # not even one line fits under the opening: start on the next page
                flush([])
                continue
            # A row taller than the whole room: as many lines as fit here, the rest on the next page.
            k = max(int((room - 2 * gaya.pad_v) // gaya.leading), 1)
            part = [x[:k] for x in cells]
            cells = [x[k:] or [""] for x in cells]
            hp = p.tinggi(part)
            flush([(part, hp, index)])
            h = p.tinggi(cells)
        index += 1

    tutup = list(penutup(count))
    h_tutup = _tinggi_flowables(c, tutup, frame_w) if tutup else 0.0
    if tutup and used + h_tutup > room:
        # The closing block would stand alone on the next page: carry the last rows over with it.
        bawa, h_bawa = 0, 0.0
        while bawa < min(3, len(page) - 1) and h_bawa + page[-1 - bawa][1] + h_tutup <= room_full:
            h_bawa += page[-1 - bawa][1]
            bawa += 1
        keep, carry = (page[:-bawa], page[-bawa:]) if bawa else (page, [])
        flush(keep)
        page = carry
        if not carry:
            top = top_frame
            _gambar_flowables(c, tutup, kiri, top, frame_w)
            tutup = []
    if tutup or page or index == 0:
        y = p.gambar(top, page)
        if tutup:
            _gambar_flowables(c, tutup, kiri, y, frame_w)
    p.akhiri_halaman()
    total = p.halaman
    font_h, size_h = font_halaman
    for i in range(1, total + 1):
        c.beginForm(f"halaman{i}", lowerx=0, lowery=0, upperx=pw, uppery=ph)
        if nomor_halaman is not None and total > 1:
            c.setFont(font_h, size_h)
            c.setFillColor(_HITAM)
            c.drawCentredString(pw / 2, max(bawah / 2, 6 * MM), nomor_halaman(i, total))
        c.endForm()
    c.showPage()
    _padatkan_halaman(c)
    c.save()
    return buf.getvalue()


