"""Safe reading of real office workbooks.

1. ``periksa_berkas(path)`` refuses, before any parser touches the file: something that is not a
   zip/xlsx, an old ``.xls`` (OLE2, with how to convert it), a password-protected workbook (OLE2
   with an ``EncryptedPackage`` stream), a corrupt zip and a zip bomb (uncompressed sizes and the
   compression ratio are checked from the zip directory).
2. ``baca(path, specs, ...)`` opens the workbook with openpyxl in read-only mode and, for each
   ``SheetSpec``, finds the sheet and its header: title rows above it, a header over two rows with
   merged cells, column-name variants (``Kolom.sinonim``), a row of column numbers under the header,
   empty rows, and a total/signature block under the table (reading stops there). Unknown layouts
   are read through a mapping (``Pemetaan``) chosen by the user and remembered per header signature.
   Every cell is converted by its column type (``kolom.konversi``); each problem carries the sheet,
   the row number as Excel shows it, the column letter + header and the value.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ppid_desktop.core.errors import Problem, UserError
from ppid_desktop.core.progress import Progress
from ppid_desktop.rekap.kolom import Kolom, NilaiSalah, konversi, normal

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 200  # per entry, for entries above RATIO_MIN_BYTES
RATIO_MIN_BYTES = 4 * 1024 * 1024
MAX_ENTRIES = 5000
HEADER_SCAN_ROWS = 40
MAX_BARIS = 100_000  # data rows read per table (memory stays bounded); more is refused with a problem
MAX_BARIS_KOSONG = 200_000  # rows scanned past the header before reading stops (formatted empty rows)

SIMPAN_SEBAGAI = (
    "Buka berkas di Microsoft Excel atau LibreOffice Calc, pilih File › Simpan sebagai (Save As), "
    "pilih jenis 'Buku Kerja Excel (.xlsx)', lalu impor berkas .xlsx yang baru."
)


def periksa_berkas(path: Path | str) -> None:
    """Refuse a file that is not a safe, readable .xlsx (raises ``UserError`` in Indonesian)."""
    path = Path(path)
    nama = path.name
    if not path.exists():
        raise UserError(f"Berkas '{nama}' tidak ditemukan.")
    if path.is_dir():
        raise UserError(f"'{nama}' adalah folder, bukan berkas Excel.")
    size = path.stat().st_size
    if size == 0:
        raise UserError(f"Berkas '{nama}' kosong (0 bita).")
    if size > MAX_FILE_BYTES:
        raise UserError(f"Berkas '{nama}' terlalu besar ({size // (1024 * 1024)} MB; maksimal "
                        f"{MAX_FILE_BYTES // (1024 * 1024)} MB). Pecah menjadi beberapa berkas.")
    with path.open("rb") as fh:
        head = fh.read(8)
        if head == OLE2_MAGIC:
            body = head + fh.read(min(size, 20 * 1024 * 1024))
            if ENCRYPTED_MARK in body:
                raise UserError(
                    f"Berkas '{nama}' dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. "
                    "Buka di Excel, hapus kata sandinya (File › Info › Lindungi Buku Kerja › Enkripsi "
                    "dengan Kata Sandi, kosongkan), simpan, lalu impor lagi."
                )
            raise UserError(f"Berkas '{nama}' berformat Excel lama (.xls) yang tidak didukung. {SIMPAN_SEBAGAI}")
    if head[:4] != ZIP_MAGIC:
        kind = "teks/CSV" if _looks_text(head) else "bukan berkas Excel"
        raise UserError(
            f"Berkas '{nama}' bukan buku kerja Excel .xlsx ({kind}). Simpan data sebagai .xlsx "
            "(File › Simpan sebagai › Buku Kerja Excel) lalu impor lagi."
        )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise UserError(f"Berkas '{nama}' berisi terlalu banyak bagian ({len(infos)}); ditolak demi keamanan.")
            names = {i.filename for i in infos}
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise UserError(
                        f"Berkas '{nama}' ditolak: bagian '{info.filename}' mengembang "
                        f"{info.file_size // max(info.compress_size, 1)}× saat dibuka (kemungkinan 'zip bomb')."
                    )
            if total > MAX_UNCOMPRESSED:
                raise UserError(
                    f"Berkas '{nama}' ditolak: isinya {total // (1024 * 1024)} MB setelah dibuka "
                    f"(maksimal {MAX_UNCOMPRESSED // (1024 * 1024)} MB)."
                )
            if "xl/workbook.xml" not in names and "mimetype" in names:
                jenis = zf.read("mimetype")[:100].decode("ascii", "replace")
                if "opendocument.spreadsheet" in jenis:
                    raise UserError(f"Berkas '{nama}' berformat OpenDocument (.ods, mis. dari LibreOffice Calc), "
                                    f"bukan .xlsx. {SIMPAN_SEBAGAI}")
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                raise UserError(
                    f"Berkas '{nama}' adalah berkas zip/Office tetapi bukan buku kerja Excel "
                    "(mis. dokumen Word). Pilih berkas .xlsx."
                )
            if "xl/workbook.bin" in names:
                raise UserError(f"Berkas '{nama}' berformat .xlsb yang tidak didukung. {SIMPAN_SEBAGAI}")
            # No ``testzip`` here: it inflated the whole workbook once more before the reader inflated it
            # again. A damaged part is still refused, in Indonesian, by what reads it: openpyxl at open
            # (workbook, styles, shared strings: ``buka_workbook``) and the row reader (CRC/deflate of a
            # sheet: ``_rows``), before anything is written.
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError):
        raise UserError(f"Berkas '{nama}' rusak atau tidak lengkap (struktur zip tidak sah). "
                        "Minta kiriman ulang berkasnya.") from None


def _looks_text(head: bytes) -> bool:
    return all(32 <= b < 127 or b in (9, 10, 13) for b in head) or head.startswith(b"\xef\xbb\xbf")


def buka_workbook(path: Path | str) -> Any:
    """``periksa_berkas`` then openpyxl ``load_workbook(read_only=True, data_only=True)``."""
    periksa_berkas(path)
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on broken parts
        raise UserError(
            f"Berkas '{Path(path).name}' rusak atau tidak dapat dibaca sebagai Excel ({exc.__class__.__name__})."
        ) from None


# ------------------------------------------------------------------ layout
@dataclass(frozen=True)
class SheetSpec:
    nama: str
    kolom: tuple[Kolom, ...]
    sinonim: tuple[str, ...] = ()
    wajib: bool = True
    keterangan: str = ""
    sebut_kolom_lain: bool = False  # name the file's columns the import does not use, in one warning

    def get(self, key: str) -> Kolom:
        for k in self.kolom:
            if k.key == key:
                return k
        raise KeyError(key)


@dataclass
class Pemetaan:
    """A user's mapping for an unknown layout: header row (last header row) + field -> column letter."""

    baris_judul: int
    kolom: dict[str, str]
    sheet: str | None = None


@dataclass
class Baris:
    sheet: str
    nomor: int  # row number as Excel shows it
    nilai: dict[str, Any]
    salah: set[str] = field(default_factory=set)  # fields whose cell could not be converted


@dataclass
class TataLetak:
    sheet: str
    baris_judul: int  # last header row (1-based)
    kolom: dict[str, int]  # field -> 0-based column index
    judul: dict[int, str]  # column index -> header text as read
    tanda: str  # header signature
    dikenali: bool = True  # False when a stored/user mapping was used

    def huruf(self, key: str) -> str:
        idx = self.kolom[key]
        label = self.judul.get(idx, "")
        return f"{get_column_letter(idx + 1)} ({label})" if label else get_column_letter(idx + 1)


@dataclass
class Kandidat:
    """The best header guess of a sheet whose layout was not recognised (for the mapping dialog)."""

    sheet: str
    baris_judul: int
    judul: list[tuple[str, str]]  # (column letter, header text)
    tanda: str


@dataclass
class HasilBaca:
    tabel: dict[str, list[Baris]] = field(default_factory=dict)
    tata_letak: dict[str, TataLetak] = field(default_factory=dict)
    masalah: list[Problem] = field(default_factory=list)
    kandidat: Kandidat | None = None

    @property
    def ada_galat(self) -> bool:
        return any(p.severity == "error" for p in self.masalah)


def tanda_judul(values: tuple[Any, ...] | list[Any]) -> str:
    """Signature of a header row: hash of its normalised texts."""
    text = "|".join(normal(v) for v in values).rstrip("|")
    return hashlib.sha1(text.encode()).hexdigest()[:16]


_STOP_RE = re.compile(
    r"^(jumlah|total|sub total|subtotal|grand total|mengetahui|menyetujui|disetujui|ttd|tanda tangan|"
    r"dibuat oleh|diperiksa oleh|kepala|sekretaris|an|a n|plt|plh|nip|pejabat pengelola)\b"
)
_TEMPAT_TANGGAL_RE = re.compile(r"^[A-Za-z .'-]+,\s*\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}$")


def _is_stop(row: tuple[Any, ...]) -> bool:
    for v in row:
        if isinstance(v, str) and v.strip():
            s = v.strip()
            return bool(_STOP_RE.match(normal(s)) or _TEMPAT_TANGGAL_RE.match(s))
    return False


def _is_number_row(row: tuple[Any, ...]) -> bool:
    vals = [v for v in row if v is not None and str(v).strip() != ""]
    if len(vals) < 2:
        return False
    nums = []
    for v in vals:
        s = str(v).strip().strip("()")
        if isinstance(v, float) and v.is_integer():
            s = str(int(v))
        if not s.isdigit():
            return False
        nums.append(int(s))
    return nums == list(range(nums[0], nums[0] + len(nums))) and nums[0] in (0, 1)


def _match(spec: SheetSpec, cands_per_col: list[list[str]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for idx, cands in enumerate(cands_per_col):
        done = False
        for cand in cands:
            if not cand:
                continue
            for k in spec.kolom:
                if k.key not in found and k.cocok(cand):
                    found[k.key] = idx
                    done = True
                    break
            if done:
                break
    return found


def _score(spec: SheetSpec, found: dict[str, int]) -> tuple[int, int]:
    req = sum(1 for k in spec.kolom if k.wajib and k.key in found)
    return req, len(found)


def _detect(spec: SheetSpec, top: list[tuple[Any, ...]]) -> tuple[int, dict[str, int], dict[int, str]] | None:
    """Best header in the top rows: (last header row 1-based, field->col, col->header text)."""
    best: tuple[tuple[int, int], int, dict[str, int], dict[int, str]] | None = None
    for r, row in enumerate(top):
        if not any(isinstance(v, str) and v.strip() for v in row):
            continue
        single = _match(spec, [[normal(v)] for v in row])
        texts = {i: str(v).strip() for i, v in enumerate(row) if v is not None and str(v).strip()}
        cand = (_score(spec, single), r + 1, single, texts)
        if r + 1 < len(top):
            nxt = top[r + 1]
            width = max(len(row), len(nxt))
            parent_ff: list[str] = []
            last = ""
            for c in range(width):
                p = row[c] if c < len(row) else None
                ch = nxt[c] if c < len(nxt) else None
                if p is not None and str(p).strip():
                    last = str(p).strip()
                elif ch is None or not str(ch).strip():
                    last = ""
                parent_ff.append(last if (p is not None and str(p).strip()) or (ch is not None and str(ch).strip()) else "")
            cols: list[list[str]] = []
            texts2: dict[int, str] = {}
            for c in range(width):
                p = parent_ff[c]
                ch = nxt[c] if c < len(nxt) else None
                chs = str(ch).strip() if ch is not None else ""
                if chs:
                    cols.append([normal(f"{p} {chs}"), normal(chs), normal(p)])
                    texts2[c] = f"{p} / {chs}" if p and p != chs else chs
                else:
                    cols.append([normal(p)])
                    if p:
                        texts2[c] = p
            double = _match(spec, cols)
            child_used = any(nxt[c] is not None and str(nxt[c]).strip() for c in double.values() if c < len(nxt))
            next_single = _score(spec, _match(spec, [[normal(v)] for v in nxt]))
            if child_used and _score(spec, double) > max(cand[0], next_single):
                cand = (_score(spec, double), r + 2, double, texts2)
        if cand[0][1] and (best is None or cand[0] > best[0]):
            best = cand
    if best is None:
        return None
    return best[1], best[2], best[3]


_RUSAK = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, IndexError, TypeError,
          AttributeError, SyntaxError)  # SyntaxError: xml.etree's ParseError


def _rusak(nama: str, sheet: str | None, exc: BaseException) -> UserError:
    where = f" (sheet '{sheet}')" if sheet else ""
    return UserError(f"Berkas '{nama}' rusak{where}: isinya tidak dapat dibuka ({exc.__class__.__name__}). "
                     "Buka dan simpan ulang di Excel, atau minta kiriman ulang berkasnya.")


def _rows(ws: Any) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows; a damaged deflate stream or XML part becomes an Indonesian ``UserError``."""
    try:
        yield from ws.iter_rows(values_only=True)
    except _RUSAK as exc:
        raise _rusak(getattr(ws.parent, "_ppid_nama", "?"), ws.title, exc) from None


_RUMUS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def _ada_rumus(zf: zipfile.ZipFile, part: str) -> bool:
    """Whether a sheet part holds any formula element (``<f>``, any prefix): a byte scan of the inflated
    stream, far cheaper than parsing the XML."""
    tail = b""
    with zf.open(part) as fh:
        while chunk := fh.read(1 << 20):
            if _RUMUS.search(tail + chunk):
                return True
            tail = chunk[-32:]
    return False


def formula_tanpa_nilai(path: Path | str, batas: int = 200) -> list[tuple[str, str]]:
    """(sheet, cell) of formula cells saved without a cached value (they read as empty), streamed."""
    import posixpath
    import xml.etree.ElementTree as ET

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    out: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(path) as zf:
            rels = {r.get("Id"): r.get("Target", "") for r in ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))}
            for sh in ET.fromstring(zf.read("xl/workbook.xml")).iter(f"{ns}sheet"):
                target = rels.get(sh.get(f"{rel_ns}id"), "")
                part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
                if part not in zf.namelist():
                    continue
                if not _ada_rumus(zf, part):
                    continue  # the common case (our exports, registers typed by hand): no XML parse at all
                with zf.open(part) as fh:
                    for _, el in ET.iterparse(fh):
                        if el.tag == f"{ns}c":
                            v = el.find(f"{ns}v")
                            if el.find(f"{ns}f") is not None and (v is None or not (v.text or "").strip()):
                                out.append((sh.get("name", "?"), el.get("r", "?")))
                                if len(out) >= batas:
                                    return out
                            el.clear()
    except (*_RUSAK, ET.ParseError):
        return out  # a damaged part is reported by the reader itself
    return out


def _pilih_sheet(wb: Any, spec: SheetSpec, used: set[str]) -> list[Any]:
    """Sheets to try for a spec: name matches first, then the others."""
    names = {normal(spec.nama)} | {normal(s) for s in spec.sinonim}
    first = [ws for ws in wb.worksheets if normal(ws.title) in names and ws.title not in used]
    rest = [ws for ws in wb.worksheets if ws not in first and ws.title not in used
            and normal(ws.title) not in {"petunjuk", "keterangan", "panduan"}]
    return first + rest


def baca(
    path: Path | str,
    specs: tuple[SheetSpec, ...],
    *,
    pemetaan: Pemetaan | None = None,
    cari_pemetaan: Callable[[str], Pemetaan | None] | None = None,
    progress: Progress | None = None,
    maks_baris: int | None = None,
) -> HasilBaca:
    """Read every spec's table; never raises for content problems (they go to ``masalah``). ``maks_baris``:
    the row cap set in Pengaturan (``AkunService.batas_baris_impor``), else ``MAX_BARIS``."""
    progress = progress or Progress()
    wb = buka_workbook(path)
    wb._ppid_nama = Path(path).name
    out = HasilBaca()
    used: set[str] = set()
    try:
        for sheet, ref in formula_tanpa_nilai(path):
            cell = re.match(r"([A-Z]+)(\d+)$", ref)
            out.masalah.append(Problem(
                "Sel berisi rumus tanpa nilai tersimpan (terbaca kosong). Buka berkas di Excel, tekan "
                "simpan, lalu impor lagi; atau ganti rumus dengan nilainya.", sheet=sheet,
                row=int(cell.group(2)) if cell else None, column=cell.group(1) if cell else None,
                severity="warning"))
        for si, spec in enumerate(specs):
            progress.check()
            chosen = None
            for ws in _pilih_sheet(wb, spec, used):
                it = _rows(ws)
                top = []
                for _ in range(HEADER_SCAN_ROWS):
                    try:
                        top.append(next(it))
                    except StopIteration:
                        break
                layout = None
                if pemetaan is not None and si == 0 and (pemetaan.sheet in (None, ws.title)):
                    layout = _layout_from_mapping(ws.title, top, pemetaan, spec)
                if layout is None:
                    det = _detect(spec, top)
                    if det is not None:
                        last, found, texts = det
                        if all(k.key in found for k in spec.kolom if k.wajib):
                            layout = TataLetak(ws.title, last, found, texts, tanda_judul(top[last - 1]))
                if layout is None and cari_pemetaan is not None and si == 0:
                    for r, row in enumerate(top):
                        m = cari_pemetaan(tanda_judul(row))
                        if m is not None and m.baris_judul == r + 1:
                            layout = _layout_from_mapping(ws.title, top, m, spec)
                            if layout is not None:
                                break
                if layout is not None:
                    chosen = (ws, it, top, layout)
                    break
                if out.kandidat is None and si == 0:
                    out.kandidat = _kandidat(ws.title, spec, top)
            if chosen is None:
                if spec.wajib:
                    _missing(out, spec, wb)
                continue
            ws, it, top, layout = chosen
            used.add(ws.title)
            out.tata_letak[spec.nama] = layout
            if spec.sebut_kolom_lain:
                _kolom_lain(out, layout)
            out.tabel[spec.nama] = _read_body(spec, layout, top, it, out.masalah, progress, maks_baris or MAX_BARIS)
    except UserError:
        raise
    except _RUSAK as exc:
        raise _rusak(Path(path).name, None, exc) from None
    finally:
        wb.close()
    return out


def _kolom_lain(out: HasilBaca, layout: TataLetak) -> None:
    """One warning naming the header columns that no field reads (their values are not imported)."""
    dipakai = set(layout.kolom.values())
    lain = [f"{get_column_letter(i + 1)} ({teks})" for i, teks in sorted(layout.judul.items()) if i not in dipakai]
    if lain:
        out.masalah.append(Problem(
            f"Kolom yang tidak diimpor (nilainya tidak dipakai; tenggat, hari kerja dan nama OPD dihitung ulang "
            f"oleh aplikasi): {', '.join(lain)}.", sheet=layout.sheet, row=layout.baris_judul, severity="warning"))


def _layout_from_mapping(sheet: str, top: list[tuple[Any, ...]], m: Pemetaan, spec: SheetSpec) -> TataLetak | None:
    from openpyxl.utils import column_index_from_string

    if not 1 <= m.baris_judul <= len(top):
        return None
    header = top[m.baris_judul - 1]
    cols: dict[str, int] = {}
    keys = {k.key for k in spec.kolom}
    for key, letter in m.kolom.items():
        if key in keys and letter:
            try:
                cols[key] = column_index_from_string(letter.upper()) - 1
            except ValueError:
                continue
    if not all(k.key in cols for k in spec.kolom if k.wajib):
        return None
    texts = {i: str(v).strip() for i, v in enumerate(header) if v is not None and str(v).strip()}
    return TataLetak(sheet, m.baris_judul, cols, texts, tanda_judul(header), dikenali=False)


def _kandidat(sheet: str, spec: SheetSpec, top: list[tuple[Any, ...]]) -> Kandidat | None:
    det = _detect(spec, top)
    if det is not None:
        r = det[0]
    else:
        counts = [sum(1 for v in row if isinstance(v, str) and v.strip()) for row in top]
        if not counts or max(counts) < 2:
            return None
        r = counts.index(max(counts)) + 1
    row = top[r - 1]
    judul = [(get_column_letter(i + 1), str(v).strip()) for i, v in enumerate(row) if v is not None and str(v).strip()]
    return Kandidat(sheet, r, judul, tanda_judul(row))


def _missing(out: HasilBaca, spec: SheetSpec, wb: Any) -> None:
    k = out.kandidat
    wajib = [c.label for c in spec.kolom if c.wajib]
    if k is not None and k.sheet is not None:
        det_found = [lab for _, lab in k.judul]
        out.masalah.append(Problem(
            f"Kolom wajib tidak ditemukan pada tabel '{spec.nama}'. Kolom wajib: {', '.join(wajib)}. "
            f"Judul kolom yang terbaca (baris {k.baris_judul}): {', '.join(det_found[:12])}. "
            "Ubah judul kolom sesuai templat atau petakan kolomnya.",
            sheet=k.sheet, row=k.baris_judul,
        ))
    else:
        out.masalah.append(Problem(
            f"Tabel '{spec.nama}' tidak ditemukan di berkas (sheet: {', '.join(ws.title for ws in wb.worksheets)}). "
            f"Kolom wajib: {', '.join(wajib)}.",
        ))


def _read_body(
    spec: SheetSpec, layout: TataLetak, top: list[tuple[Any, ...]], it: Iterator[tuple[Any, ...]],
    problems: list[Problem], progress: Progress, maks: int = MAX_BARIS,
) -> list[Baris]:
    rows: list[Baris] = []
    cols = [(spec.get(key), idx, layout.huruf(key)) for key, idx in layout.kolom.items()]
    wajib = [idx for k, idx, _ in cols if k.wajib] or [idx for _, idx, _ in cols]
    nomor = layout.baris_judul
    first = True

    def body() -> Iterator[tuple[Any, ...]]:
        yield from top[layout.baris_judul:]
        yield from it

    sheet = layout.sheet
    for row in body():
        nomor += 1
        if nomor % 500 == 0:
            progress.check()
        if len(rows) >= maks or nomor - layout.baris_judul > MAX_BARIS_KOSONG:
            problems.append(Problem(
                f"Tabel terlalu panjang: lebih dari {maks:,} baris data (atau {MAX_BARIS_KOSONG:,} baris "
                "dipindai). Pecah berkas menjadi beberapa bagian lalu impor satu per satu.".replace(",", "."),
                sheet=sheet, row=nomor))
            break
        n = len(row)
        if first:
            first = False
            if _is_number_row(row):
                continue
        vals = [(k, row[idx] if idx < n else None, where) for k, idx, where in cols]
        if all(v is None or (isinstance(v, str) and not v.strip()) for _, v, _ in vals):
            continue
        if any((row[i] if i < n else None) in (None, "") for i in wajib) and _is_stop(row):
            problems.append(Problem(
                "Tabel dianggap selesai di sini (baris jumlah/tanda tangan); baris ini dan di bawahnya tidak diimpor.",
                sheet=sheet, row=nomor, severity="warning",
            ))
            break
        b = Baris(sheet, nomor, {})
        for k, v, where in vals:
            try:
                value, warn = konversi(k, v)
            except NilaiSalah as exc:
                b.salah.add(k.key)
                problems.append(Problem(str(exc), sheet=sheet, row=nomor, column=where, value=_show(v)))
                continue
            if warn:
                problems.append(Problem(warn, sheet=sheet, row=nomor, column=where, value=_show(v), severity="warning"))
            if value is not None:
                b.nilai[k.key] = value
        rows.append(b)
    return rows


def _show(v: Any) -> str:
    if v is None:
        return ""
    if hasattr(v, "isoformat"):
        iso: str = v.isoformat()
        return iso
    return str(v)[:200]
