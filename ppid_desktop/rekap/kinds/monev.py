"""Monev kinds: instrument import/export (key: kode + versi), programme recap and tindak lanjut exports.

Instruments are validated by monev's own ``instrumen.periksa`` / ``dari_dict`` (weights that do not
add up, band gaps/overlaps, stage weights, options, levels); each of its problems is placed back on
the sheet, row and column of the workbook it came from. Nothing is saved unless every instrument in
the file is clean. ``instrumen.simpan`` picks its own version number and opens its own unit of work,
so the import writes ``Instrumen`` rows itself (canonical ``instrumen.sebagai_dict`` JSON, the file's
version and status) inside the import's single transaction; the key is kode + versi, so importing
the same file twice changes nothing. Scores in the recap come from ``monev.skor.program_scores``
(``services.monev.program_scores``) and categories from ``instrumen.band_untuk``: nothing is
recomputed here.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.progress import Progress
from ppid_desktop.monev import instrumen as I  # noqa: N812
from ppid_desktop.monev.masukan import IsianInstrumen
from ppid_desktop.monev.models import STATUS_JADWAL_LABEL, STATUS_TL_LABEL, Instrumen
from ppid_desktop.rekap import kolom as T  # noqa: N812
from ppid_desktop.rekap.engine import (
    BARU,
    LEWATI,
    UBAH,
    Item,
    JenisEkspor,
    JenisImpor,
    Konteks,
    OpsiEkspor,
    ambil,
    kolom_dari_spec,
)
from ppid_desktop.rekap.kolom import Kolom
from ppid_desktop.rekap.reader import Baris, SheetSpec
from ppid_desktop.rekap.writer import Buku, KolomEkspor

if TYPE_CHECKING:
    from ppid_desktop.services import Services

STATUS_INSTRUMEN = (("draf", "Draf"), ("terbit", "Terbit"))


def _ref() -> tuple[Kolom, Kolom]:
    return (Kolom("instrumen", "Kode Instrumen", max_len=64, lebar=14,
                  keterangan="Boleh kosong bila berkas hanya berisi satu instrumen."),
            Kolom("versi", "Versi", T.ANGKA, lebar=7, keterangan="Versi instrumen (boleh kosong, lihat sheet Instrumen)."))


INSTRUMEN_SHEET = SheetSpec("Instrumen", (
    Kolom("kode", "Kode Instrumen", wajib=True, max_len=64, lebar=16, contoh="kip-2025", sinonim=("Kode",),
          keterangan="Kunci: kode + versi."),
    Kolom("versi", "Versi", T.ANGKA, lebar=7, contoh="1",
          keterangan="Kosong: versi baru setelah versi terakhir (atau dilewati bila isinya sama)."),
    Kolom("nama", "Nama Instrumen", wajib=True, max_len=300, lebar=40, sinonim=("Nama",)),
    Kolom("jenis", "Jenis", T.PILIHAN, pilihan=tuple(I.JENIS_INSTRUMEN.items()), lebar=24),
    Kolom("penerbit", "Penerbit", max_len=200, lebar=24),
    Kolom("tahun", "Tahun", T.ANGKA, lebar=8),
    Kolom("skala", "Skala Nilai", T.DESIMAL, lebar=10, contoh="100"),
    Kolom("presisi", "Presisi (Desimal)", T.ANGKA, lebar=10, contoh="2"),
    Kolom("durasi_menit", "Durasi (Menit)", T.ANGKA, lebar=10, contoh="90"),
    Kolom("status", "Status", T.PILIHAN, pilihan=STATUS_INSTRUMEN, lebar=10, keterangan="Draf atau Terbit."),
    Kolom("templat", "Templat", T.YA_TIDAK, lebar=9),
    Kolom("catatan", "Catatan", max_len=5000, lebar=40),
), sinonim=("Identitas Instrumen",))
ASPEK_SHEET = SheetSpec("Aspek", (
    *_ref(),
    Kolom("kode", "Kode Aspek", wajib=True, max_len=64, lebar=12, sinonim=("Kode",)),
    Kolom("nama", "Nama Aspek", wajib=True, max_len=300, lebar=36, sinonim=("Aspek", "Nama")),
    Kolom("bobot", "Bobot Aspek", T.DESIMAL, wajib=True, lebar=10, keterangan="Jumlah bobot semua aspek = 100.",
          sinonim=("Bobot",)),
    Kolom("kelompok", "Kelompok", max_len=200, lebar=16),
), sinonim=("Aspek Penilaian",))
INDIKATOR_SHEET = SheetSpec("Indikator", (
    *_ref(),
    Kolom("aspek", "Kode Aspek", wajib=True, max_len=64, lebar=12),
    Kolom("kode", "Kode Indikator", wajib=True, max_len=64, lebar=12, sinonim=("Kode",)),
    Kolom("nama", "Nama Indikator", wajib=True, max_len=300, lebar=36, sinonim=("Indikator", "Nama")),
    Kolom("bobot", "Bobot Indikator", T.DESIMAL, lebar=10, sinonim=("Bobot",),
          keterangan="Diisi semua (jumlahnya = bobot aspek) atau dikosongkan semua (dibagi rata)."),
    Kolom("penjelasan", "Penjelasan", max_len=5000, lebar=30),
))
PERTANYAAN_SHEET = SheetSpec("Pertanyaan", (
    *_ref(),
    Kolom("indikator", "Kode Indikator", wajib=True, max_len=64, lebar=12),
    Kolom("kode", "Kode Pertanyaan", wajib=True, max_len=64, lebar=12, sinonim=("Kode", "No")),
    Kolom("teks", "Pertanyaan", wajib=True, max_len=5000, lebar=50, sinonim=("Teks Pertanyaan", "Uraian")),
    Kolom("jenis", "Jenis Jawaban", T.PILIHAN, pilihan=tuple(I.JENIS_JAWABAN.items()), lebar=16),
    Kolom("bobot", "Bobot", T.DESIMAL, lebar=8, keterangan="Relatif di dalam indikatornya (bawaan 1)."),
    Kolom("wajib", "Wajib", T.YA_TIDAK, lebar=7),
    Kolom("bukti", "Bukti", T.PILIHAN, pilihan=tuple(I.JENIS_BUKTI.items()), lebar=10),
    Kolom("bantuan", "Bantuan", max_len=5000, lebar=30),
    Kolom("boleh_na", "Boleh N/A", T.YA_TIDAK, lebar=8),
    Kolom("satuan", "Satuan", max_len=64, lebar=10),
), sinonim=("Butir Pertanyaan", "Kuesioner"))
OPSI_SHEET = SheetSpec("Opsi", (
    *_ref(),
    Kolom("pertanyaan", "Kode Pertanyaan", wajib=True, max_len=64, lebar=12),
    Kolom("kode", "Kode Opsi", wajib=True, max_len=64, lebar=10, sinonim=("Kode",)),
    Kolom("label", "Label", wajib=True, max_len=500, lebar=36, sinonim=("Opsi", "Pilihan Jawaban")),
    Kolom("skor", "Skor", T.DESIMAL, wajib=True, lebar=8),
), wajib=False, sinonim=("Opsi Jawaban", "Pilihan"))
LEVEL_SHEET = SheetSpec("Level", (
    *_ref(),
    Kolom("pertanyaan", "Kode Pertanyaan", wajib=True, max_len=64, lebar=12),
    Kolom("level", "Level", T.ANGKA, wajib=True, lebar=7),
    Kolom("kriteria", "Kriteria", max_len=5000, lebar=50),
), wajib=False, sinonim=("Kriteria Level",))
BAND_SHEET = SheetSpec("Band", (
    *_ref(),
    Kolom("nama", "Kategori", wajib=True, max_len=200, lebar=24, sinonim=("Nama Kategori", "Nama", "Predikat")),
    Kolom("min", "Nilai Minimal", T.DESIMAL, wajib=True, lebar=10, sinonim=("Min", "Batas Bawah"),
          keterangan="Rentang setengah terbuka [min, max); kategori tertinggi termasuk max."),
    Kolom("max", "Nilai Maksimal", T.DESIMAL, wajib=True, lebar=10, sinonim=("Max", "Batas Atas")),
    Kolom("warna", "Warna", max_len=16, lebar=10, contoh="#1b7f3b"),
), sinonim=("Kategori", "Kualifikasi"))
TAHAP_SHEET = SheetSpec("Tahap", (
    *_ref(),
    Kolom("kode", "Kode Tahap", wajib=True, max_len=64, lebar=12, sinonim=("Kode",)),
    Kolom("nama", "Nama Tahap", max_len=200, lebar=30, sinonim=("Tahap", "Nama")),
    Kolom("bobot", "Bobot Tahap", T.DESIMAL, wajib=True, lebar=10, sinonim=("Bobot",),
          keterangan="Jumlah bobot tahap = 100."),
    Kolom("sumber", "Sumber", T.PILIHAN, pilihan=(("instrumen", "Instrumen"), ("input", "Input")), lebar=12,
          keterangan="Tepat satu tahap bersumber Instrumen (nilai kuesioner)."),
), wajib=False, sinonim=("Tahap Penilaian",))
SHEETS = (INSTRUMEN_SHEET, ASPEK_SHEET, INDIKATOR_SHEET, PERTANYAAN_SHEET, OPSI_SHEET, LEVEL_SHEET, BAND_SHEET,
          TAHAP_SHEET)


def _kunci(kode: str, versi: int | None) -> str:
    return f"{kode.strip().upper()}|{versi if versi is not None else ''}"


def _bulat(x: Any) -> Any:
    """Floats to 9 decimals: Excel keeps 15–16 significant digits (13.333333333333334 -> 13.33333333333333)."""
    if isinstance(x, float):
        return round(x, 9)
    if isinstance(x, dict):
        return {k: _bulat(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_bulat(v) for v in x]
    return x


def kanonik(defn: I.Definisi) -> str:
    """Comparable form of an instrument (monev's canonical dict, floats rounded)."""
    return json.dumps(_bulat(I.sebagai_dict(defn)), ensure_ascii=False, sort_keys=True)


_TOKEN = "(?<![\\w.]){}(?!\\.?\\w)"


class _Paket:
    """One instrument of the file: its row and its child rows per sheet."""

    def __init__(self, b: Baris) -> None:
        self.baris = b
        self.anak: dict[str, list[Baris]] = {s.nama: [] for s in SHEETS[1:]}


class ImporInstrumen(JenisImpor):
    nama = "instrumen"
    judul = "Instrumen monev"
    keterangan = ("Instrumen penilaian (aspek, indikator, pertanyaan, opsi, level, kategori/band, tahap); "
                  "kunci: kode instrumen + versi. Diperiksa dengan aturan monev (jumlah bobot, celah kategori).")
    izin = (R.MONEV_KELOLA,)
    sheets = SHEETS
    kunci_kolom = ("kode", "versi")

    def ada(self, ctx: Konteks) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for row in ctx.services.monev.daftar_instrumen():
            try:
                canon = kanonik(I.dari_dict(json.loads(row.definisi)))
            except Exception:  # a stored draft that no longer validates: never equal
                canon = ""
            out[_kunci(row.kode, row.versi)] = {"id": row.id, "status": row.status, "nama": row.nama,
                                                "kanonik": canon, "versi": row.versi, "kode": row.kode}
        return out

    # -------------------------------------------------------------- planning
    def rencana(self, ctx: Konteks, progress: Progress) -> list[Item]:
        tab = ctx.baca.tabel
        inst_rows = tab.get("Instrumen", [])
        progress.start(len(inst_rows), "Memeriksa instrumen")
        paket: list[_Paket] = []
        by_key: dict[str, _Paket] = {}
        seen: dict[str, int] = {}
        for b in inst_rows:
            if "kode" not in b.nilai or "nama" not in b.nilai or b.salah:
                for k in ("kode", "nama"):
                    if k not in b.nilai and k not in b.salah:
                        ctx.salah("Instrumen", b, k, f"{INSTRUMEN_SHEET.get(k).label} wajib diisi.")
                continue
            key = _kunci(b.nilai["kode"], b.nilai.get("versi"))
            if key in seen:
                ctx.salah("Instrumen", b, "kode", f"Kunci ganda di dalam berkas: sama dengan baris {seen[key]}.",
                          b.nilai["kode"])
                continue
            seen[key] = b.nomor
            p = _Paket(b)
            paket.append(p)
            by_key[key] = p
        # children -> their instrument
        for spec in SHEETS[1:]:
            for b in tab.get(spec.nama, []):
                missing = [k for k in spec.kolom if k.wajib and k.key not in b.nilai and k.key not in b.salah]
                for kol in missing:
                    ctx.salah(spec.nama, b, kol.key, f"{kol.label} wajib diisi.")
                if missing or b.salah:
                    continue
                induk = self._induk(ctx, spec, b, paket, by_key)
                if induk is not None:
                    induk.anak[spec.nama].append(b)
        existing = self.ada(ctx)
        items: list[Item] = []
        for p in paket:
            progress.step()
            n0 = len(ctx.masalah)
            data = self._susun(ctx, p)
            if len(ctx.masalah) > n0:
                continue
            problems = I.periksa(data)
            if problems:
                for prob in problems:
                    self._tempatkan(ctx, p, prob)
                continue
            items.append(self._banding(ctx, p, I.dari_dict(data), existing))
        return items

    def _induk(self, ctx: Konteks, spec: SheetSpec, b: Baris, paket: list[_Paket],
               by_key: dict[str, _Paket]) -> _Paket | None:
        kode, versi = b.nilai.get("instrumen"), b.nilai.get("versi")
        if kode is None:
            if len(paket) == 1:
                return paket[0]
            ctx.salah(spec.nama, b, "instrumen", "Kode instrumen wajib diisi bila berkas berisi lebih dari satu "
                      "instrumen.")
            return None
        p = by_key.get(_kunci(kode, versi))
        if p is None:
            same = [q for q in paket if str(q.baris.nilai["kode"]).strip().upper() == str(kode).strip().upper()]
            p = same[0] if len(same) == 1 else None
        if p is None:
            ctx.salah(spec.nama, b, "instrumen", "Instrumen ini tidak ada di sheet Instrumen (kode + versi).", kode)
        return p

    def _susun(self, ctx: Konteks, p: _Paket) -> dict[str, Any]:
        """The instrument dict in monev's shape (keys left out when empty, so monev's defaults apply)."""
        v = p.baris.nilai
        data: dict[str, Any] = {k: v[k] for k in ("kode", "nama", "jenis", "penerbit", "tahun", "skala", "presisi",
                                                 "durasi_menit", "catatan", "templat") if k in v}
        aspek: dict[str, dict[str, Any]] = {}
        for b in p.anak["Aspek"]:
            asp: dict[str, Any] = {"kode": b.nilai["kode"], "nama": b.nilai["nama"], "bobot": b.nilai["bobot"],
                                   "kelompok": b.nilai.get("kelompok", ""), "indikator": []}
            aspek.setdefault(str(asp["kode"]), asp)
        indikator: dict[str, dict[str, Any]] = {}
        for b in p.anak["Indikator"]:
            a = aspek.get(str(b.nilai["aspek"]))
            if a is None:
                ctx.salah("Indikator", b, "aspek", "Kode aspek ini tidak ada di sheet Aspek.", b.nilai["aspek"])
                continue
            ind_baru: dict[str, Any] = {"kode": b.nilai["kode"], "nama": b.nilai["nama"],
                                        "penjelasan": b.nilai.get("penjelasan", ""), "pertanyaan": []}
            if "bobot" in b.nilai:
                ind_baru["bobot"] = b.nilai["bobot"]
            a["indikator"].append(ind_baru)
            indikator.setdefault(str(ind_baru["kode"]), ind_baru)
        soal: dict[str, dict[str, Any]] = {}
        for b in p.anak["Pertanyaan"]:
            ind = indikator.get(str(b.nilai["indikator"]))
            if ind is None:
                ctx.salah("Pertanyaan", b, "indikator", "Kode indikator ini tidak ada di sheet Indikator.",
                          b.nilai["indikator"])
                continue
            q_baru: dict[str, Any] = {k: b.nilai[k] for k in ("kode", "teks", "jenis", "bobot", "wajib", "bukti",
                                                              "bantuan", "boleh_na", "satuan") if k in b.nilai}
            ind["pertanyaan"].append(q_baru)
            soal.setdefault(str(q_baru["kode"]), q_baru)
        for sheet, field in (("Opsi", "opsi"), ("Level", "level")):
            for b in p.anak[sheet]:
                q = soal.get(str(b.nilai["pertanyaan"]))
                if q is None:
                    ctx.salah(sheet, b, "pertanyaan", "Kode pertanyaan ini tidak ada di sheet Pertanyaan.",
                              b.nilai["pertanyaan"])
                    continue
                row = {k: val for k, val in b.nilai.items() if k not in ("instrumen", "versi", "pertanyaan")}
                q.setdefault(field, []).append(row)
        data["aspek"] = list(aspek.values())
        data["band"] = [{k: b.nilai.get(k, "") for k in ("nama", "min", "max", "warna")} for b in p.anak["Band"]]
        data["tahap"] = [{k: b.nilai[k] for k in ("kode", "nama", "bobot", "sumber") if k in b.nilai}
                         for b in p.anak["Tahap"]]
        return IsianInstrumen.dari_dict(data).sebagai_dict()  # the typed header (monev.masukan), as monev reads it

    # ------------------------------------------------------ problem placement
    _SHEET_OF = {"bobot_aspek": ("Aspek", "bobot"), "aspek": ("Aspek", "nama"),
                 "bobot_indikator": ("Indikator", "bobot"), "indikator": ("Indikator", "nama")}

    def _tempatkan(self, ctx: Konteks, p: _Paket, prob: Any) -> None:
        """Put one of monev's problems on the sheet, Excel row and column it came from."""
        msg, col, val = prob.message, prob.column, prob.value
        sheet, key = prob.sheet or "Instrumen", col
        low = msg.lower()
        if sheet == "Pertanyaan":
            if col in self._SHEET_OF:
                sheet, key = self._SHEET_OF[col]
            elif low.startswith(("aspek", "instrumen belum memiliki aspek", "nama aspek", "bobot aspek",
                                 "jumlah bobot aspek")):
                sheet = "Aspek"
            elif low.startswith(("indikator", "nama indikator", "bobot indikator", "jumlah bobot indikator")):
                sheet, key = "Indikator", key or ("bobot" if "bobot" in low else None)
            elif col == "kode" and val is not None:
                for cand in ("Aspek", "Indikator", "Pertanyaan"):
                    if any(str(b.nilai.get("kode")) == val for b in p.anak[cand]):
                        sheet = cand
                        break
        elif sheet == "Opsi":
            key = {"kode_opsi": "kode", "opsi": "pertanyaan"}.get(col or "", col)
        rows = p.anak.get(sheet) if sheet != "Instrumen" else [p.baris]
        b = self._baris(sheet, rows or [], msg, val) if rows else None
        if b is None:
            lay = ctx.layout(sheet)
            b = Baris(lay.sheet if lay else sheet, lay.baris_judul if lay else 0, {})
        if key is not None and (lay := ctx.layout(sheet)) is not None and key not in lay.kolom:
            key = None
        ctx.salah(sheet, b, key, msg, val)
        if b.nomor == 0:
            ctx.masalah[-1].row = None

    @staticmethod
    def _baris(sheet: str, rows: list[Baris], msg: str, val: str | None) -> Baris | None:
        if sheet == "Instrumen":
            return rows[0]
        quoted = re.findall(r"'([^']*)'", msg)
        if sheet in ("Band", "Tahap"):
            for name in reversed(quoted):
                for b in rows:
                    if name in (str(b.nilai.get("nama")), str(b.nilai.get("kode"))):
                        return b
            return None
        own = {"Aspek": "kode", "Indikator": "kode", "Pertanyaan": "kode", "Opsi": "pertanyaan",
               "Level": "pertanyaan"}[sheet]
        parent = {"Indikator": "aspek"}.get(sheet)
        for field in (own, parent):
            if field is None:
                continue
            codes = sorted({str(b.nilai.get(field)) for b in rows}, key=len, reverse=True)
            for code in codes:
                if re.search(_TOKEN.format(re.escape(code)), msg):
                    hits = [b for b in rows if str(b.nilai.get(field)) == code]
                    if sheet in ("Opsi", "Level"):
                        sub = [b for b in hits if str(b.nilai.get("kode", b.nilai.get("level"))) in quoted
                               or str(b.nilai.get("level")) == str(val)]
                        hits = sub[-1:] or hits
                    elif val is not None and sum(1 for b in hits if str(b.nilai.get(field)) == val) > 1:
                        hits = hits[1:]  # a duplicate code: the second occurrence
                    return hits[0]
        if val is not None:
            for b in rows:
                if val in {str(x) for x in b.nilai.values()}:
                    return b
        return None

    # ---------------------------------------------------------------- compare
    def _banding(self, ctx: Konteks, p: _Paket, defn: I.Definisi, existing: dict[str, dict[str, Any]]) -> Item:
        b = p.baris
        versi = b.nilai.get("versi")
        status = b.nilai.get("status") or "draf"
        canon = kanonik(defn)
        data: dict[str, Any] = {"kode": defn.kode, "nama": defn.nama, "jenis": defn.jenis, "penerbit": defn.penerbit,
                                "tahun": defn.tahun, "status": status, "definisi": canon,
                                "jumlah_pertanyaan": len(defn.pertanyaan())}
        if versi is None:
            same = [e for e in existing.values() if e["kode"].strip().upper() == defn.kode.strip().upper()]
            latest = max(same, key=lambda e: e["versi"], default=None)
            if latest is not None and latest["kanonik"] == canon:
                return Item(LEWATI, _kunci(defn.kode, latest["versi"]), data, b, latest["id"],
                            "sama dengan versi terakhir")
            data["versi"] = (latest["versi"] + 1) if latest else 1
            return Item(BARU, _kunci(defn.kode, data["versi"]), data, b)
        data["versi"] = versi
        key = _kunci(defn.kode, versi)
        old = existing.get(key)
        if old is None:
            return Item(BARU, key, data, b)
        if old["kanonik"] == canon and old["status"] == status and old["nama"] == defn.nama:
            return Item(LEWATI, key, data, b, old["id"], "sama dengan data yang ada")
        if not ctx.perbarui:
            ctx.salah("Instrumen", b, "kode", f"Versi {versi} instrumen {defn.kode} sudah ada dengan isi berbeda; baris "
                      "dilewati. Pilih mode 'perbarui' (hanya untuk versi draf) atau kosongkan kolom Versi untuk "
                      "membuat versi baru.", defn.kode, severity="warning")
            return Item(LEWATI, key, data, b, old["id"], "sudah ada")
        if old["status"] == "terbit":
            ctx.salah("Instrumen", b, "versi", f"Versi {versi} instrumen {defn.kode} sudah terbit (mungkin dipakai "
                      "program) sehingga tidak dapat diubah; kosongkan kolom Versi untuk membuat versi baru.", versi)
            return Item(LEWATI, key, data, b, old["id"], "sudah terbit")
        return Item(UBAH, key, data, b, old["id"])

    def terapkan(self, ctx: Konteks, session: Session, actor: Actor, items: list[Item]) -> None:
        for i in items:
            if i.aksi == BARU:
                row = Instrumen(**i.data)
            elif i.aksi == UBAH:
                row = ambil(session, Instrumen, i.id, i.baris)
                for f, v in i.data.items():
                    setattr(row, f, v)
            else:
                continue
            if row.status == "terbit" and row.diterbitkan_at is None:
                row.diterbitkan_at = utcnow()
            session.add(row)


# ------------------------------------------------------------------ exports
def _label(table: dict[str, str] | tuple[tuple[str, str], ...], code: Any) -> Any:
    d = dict(table)
    return d.get(code, code) if code not in (None, "") else None


def _yt(v: Any) -> str:
    return "Ya" if v else "Tidak"


class EksporInstrumen(JenisEkspor):
    nama = "instrumen"
    judul = "Instrumen Monev"
    keterangan = "Semua versi instrumen monev dalam tata letak impor (Instrumen, Aspek, Indikator, Pertanyaan, Opsi, " \
                 "Level, Band, Tahap)."
    izin = (R.MONEV_KELOLA,)

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        rows = sorted(services.monev.daftar_instrumen(), key=lambda r: (r.kode, r.versi))
        out: dict[str, list[list[Any]]] = {s.nama: [] for s in SHEETS}
        for r in rows:
            d = json.loads(r.definisi)
            ref = [r.kode, r.versi]
            out["Instrumen"].append([r.kode, r.versi, d.get("nama"), _label(I.JENIS_INSTRUMEN, d.get("jenis")),
                                     d.get("penerbit") or None, d.get("tahun"), float(d.get("skala", 100)),
                                     d.get("presisi"), d.get("durasi_menit"), _label(STATUS_INSTRUMEN, r.status),
                                     _yt(d.get("templat")), d.get("catatan") or None])
            for a in d.get("aspek", []):
                out["Aspek"].append([*ref, a["kode"], a["nama"], float(a["bobot"]), a.get("kelompok") or None])
                for ind in a.get("indikator", []):
                    out["Indikator"].append([*ref, a["kode"], ind["kode"], ind["nama"], float(ind["bobot"]),
                                             ind.get("penjelasan") or None])
                    for q in ind.get("pertanyaan", []):
                        out["Pertanyaan"].append([*ref, ind["kode"], q["kode"], q["teks"],
                                                  _label(I.JENIS_JAWABAN, q["jenis"]), float(q.get("bobot", 1)),
                                                  _yt(q.get("wajib", True)), _label(I.JENIS_BUKTI, q.get("bukti")),
                                                  q.get("bantuan") or None, _yt(q.get("boleh_na")),
                                                  q.get("satuan") or None])
                        for o in q.get("opsi", []):
                            out["Opsi"].append([*ref, q["kode"], o["kode"], o["label"], float(o["skor"])])
                        for lv in q.get("level", []):
                            out["Level"].append([*ref, q["kode"], lv["level"], lv.get("kriteria") or None])
            for bd in d.get("band", []):
                out["Band"].append([*ref, bd["nama"], float(bd["min"]), float(bd["max"]), bd.get("warna") or None])
            for t in d.get("tahap", []):
                out["Tahap"].append([*ref, t["kode"], t.get("nama"), float(t["bobot"]),
                                     _label((("instrumen", "Instrumen"), ("input", "Input")), t.get("sumber"))])
        n = 0
        for spec in SHEETS:
            written = buku.tabel(spec.nama, f"{self.judul.upper()} — {spec.nama.upper()}", kolom_dari_spec(spec),
                                 out[spec.nama])
            if spec is INSTRUMEN_SHEET:
                n = written
        return n


def _warna(defn: I.Definisi) -> dict[str, str]:
    return {b.nama: b.warna.lstrip("#").upper() for b in defn.band if b.warna}


class EksporRekapMonev(JenisEkspor):
    nama = "rekap-monev"
    judul = "Rekapitulasi Hasil Monev"
    keterangan = ("Matriks OPD × aspek/indikator dengan nilai dan kategori untuk satu program (--program ID): "
                  "ringkasan lalu satu sheet per aspek; kategori diberi warna.")
    izin = (R.MONEV_KELOLA,)
    pakai_program = True
    butuh_program = True

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        mon = services.monev
        prog = mon.cari_program(str(opsi.program))
        defn = mon.definisi(prog.instrumen_id)
        skor = mon.program_scores(prog.id)
        warna = _warna(defn)
        per = f"Program: {prog.nama}" + (f" ({prog.periode})" if prog.periode else "")
        inst = f"Instrumen: {defn.nama}"
        kolom = [KolomEkspor("Peringkat", "angka", 9), KolomEkspor("Kode OPD", lebar=14),
                 KolomEkspor("Perangkat Daerah", lebar=36), KolomEkspor("Status", lebar=16)]
        kolom += [KolomEkspor(f"{a.kode}. {a.nama} ({a.bobot:g}%)", "desimal", 14) for a in defn.aspek]
        kolom += [KolomEkspor("Nilai Mandiri", "desimal", 11), KolomEkspor("Nilai Verifikasi", "desimal", 11)]
        kolom += [KolomEkspor(f"{t.nama} ({t.bobot:g}%)", "desimal", 12) for t in defn.tahap]
        kolom += [KolomEkspor("Nilai Akhir", "desimal", 11), KolomEkspor("Kategori", lebar=22),
                  KolomEkspor("Terjawab", "angka", 9), KolomEkspor("Jumlah Pertanyaan", "angka", 10)]
        rows = []
        for r in skor:
            h = r.hasil
            asp = {n.kode: n.verifikasi for n in h.aspek} if h else {}
            rows.append([r.peringkat, r.opd_kode, r.opd, STATUS_JADWAL_LABEL.get(r.status, r.status),
                         *[asp.get(a.kode) for a in defn.aspek], h.mandiri if h else None,
                         h.verifikasi if h else None, *[(h.tahap.get(t.kode) if h else None) for t in defn.tahap],
                         r.total, r.kategori or None, h.terjawab if h else None, h.total_pertanyaan if h else None])
        kat = len(kolom) - 3
        buku.tabel("Ringkasan", self.judul.upper(), kolom, rows, periode=per, catatan=[inst],
                   warna=warna, warna_kolom=[kat])
        for a in defn.aspek:
            kol = [KolomEkspor("Kode OPD", lebar=14), KolomEkspor("Perangkat Daerah", lebar=36)]
            kol += [KolomEkspor(f"{i.kode}. {i.nama} ({i.bobot:g})", "desimal", 14) for i in a.indikator]
            kol += [KolomEkspor(f"Nilai Aspek {a.kode}", "desimal", 12), KolomEkspor("Kategori", lebar=22)]
            data = []
            for r in skor:
                h = r.hasil
                ind = {n.kode: n.verifikasi for n in h.indikator} if h else {}
                nilai = next((n.verifikasi for n in h.aspek if n.kode == a.kode), None) if h else None
                band = I.band_untuk(defn, nilai)
                data.append([r.opd_kode, r.opd, *[ind.get(i.kode) for i in a.indikator], nilai,
                             band.nama if band else None])
            buku.tabel(f"{a.kode} {a.nama}", f"ASPEK {a.kode}. {a.nama.upper()} (BOBOT {a.bobot:g}%)", kol, data,
                       periode=per, catatan=[inst], warna=warna, warna_kolom=[len(kol) - 1])
        return len(rows)


class EksporTindakLanjut(JenisEkspor):
    nama = "tindak-lanjut"
    judul = "Daftar Tindak Lanjut Hasil Monev"
    keterangan = "Rekomendasi dan tindak lanjutnya (semua program, atau satu program dengan --program ID)."
    izin = (R.MONEV_KELOLA,)
    pakai_program = True

    WARNA = {"Selesai": "C8E6C9", "Dalam proses": "FFF3C4", "Belum ditindaklanjuti": "FFCDD2", "Ya": "FFCDD2"}

    def tulis(self, services: Services, actor: Actor, buku: Buku, opsi: OpsiEkspor, progress: Progress) -> int:
        from ppid_desktop.monev import tindak_lanjut as TL  # noqa: N812

        prog = services.monev.cari_program(str(opsi.program)) if opsi.program else None
        pid = prog.id if prog else None
        with services.store.read() as s:
            tls = TL.daftar_tindak_lanjut(s, program_id=pid, hari_ini=services.clock.today())
            reks = TL.daftar_rekomendasi(s, program_id=pid)
        per = f"Program: {prog.nama}" if prog else "Semua program"
        kolom = [KolomEkspor("Program", lebar=26), KolomEkspor("Perangkat Daerah", lebar=30),
                 KolomEkspor("Rekomendasi", lebar=40), KolomEkspor("Tindak Lanjut", lebar=40),
                 KolomEkspor("Penanggung Jawab", lebar=20), KolomEkspor("Tenggat", "tanggal", 12),
                 KolomEkspor("Status", lebar=20), KolomEkspor("Terlambat", lebar=10),
                 KolomEkspor("Tanggal Selesai", "tanggal", 12), KolomEkspor("Bukti", lebar=24),
                 KolomEkspor("Catatan", lebar=30)]
        n = buku.tabel("Tindak Lanjut", self.judul.upper(), kolom,
                       ([t.program, t.opd, t.rekomendasi, t.uraian, t.pic or None, t.tenggat,
                         STATUS_TL_LABEL.get(t.status, t.status), _yt(t.terlambat), t.selesai_tanggal,
                         t.bukti_nama or None, t.catatan or None] for t in tls),
                       periode=per, warna=self.WARNA, warna_kolom=[6, 7])
        kol = [KolomEkspor("Program", lebar=26), KolomEkspor("Perangkat Daerah", lebar=30),
               KolomEkspor("Pertanyaan", lebar=12), KolomEkspor("Rekomendasi", lebar=50),
               KolomEkspor("Prioritas", lebar=10), KolomEkspor("Jumlah Tindak Lanjut", "angka", 12),
               KolomEkspor("Tindak Lanjut Selesai", "angka", 12)]
        buku.tabel("Rekomendasi", "DAFTAR REKOMENDASI HASIL MONEV", kol,
                   ([r.program, r.opd, r.pertanyaan or None, r.uraian, r.prioritas, r.jumlah_tl, r.tl_selesai]
                    for r in reks), periode=per)
        return n


# ------------------------------------------------------------------ jawaban (self-assessment workbook)
JAWABAN_SHEET = SheetSpec("Jawaban", (
    Kolom("kode", "Kode", wajib=True, max_len=64, lebar=10),
    Kolom("pertanyaan", "Pertanyaan", max_len=5000, lebar=60),
    Kolom("jawaban", "Jawaban", max_len=2000, lebar=16),
    Kolom("bukti", "Bukti (tautan/nama berkas)", max_len=1000, lebar=30, sinonim=("Bukti",)),
    Kolom("catatan", "Catatan", max_len=2000, lebar=24),
))
INFO_SHEET = SheetSpec("Info", (Kolom("kunci", "Kunci", wajib=True, max_len=64), Kolom("nilai", "Nilai", max_len=500)))


class ImporJawaban(JenisImpor):
    """The evaluation workbook of one unit (``ppid monev lembar-kerja``) back into its draft session as
    the self-assessment (``Jawaban.nilai``). Program, unit, instrument id/version and the question list
    are checked against the workbook's ``tanda``; key per row = question code; an answer equal to the
    stored one (and the same evidence and note) is skipped, so importing again changes nothing."""

    nama = "jawaban"
    judul = "Jawaban evaluasi mandiri (lembar kerja unit)"
    keterangan = ("Lembar kerja evaluasi mandiri yang diisi unit (dibuat dengan 'ppid monev lembar-kerja'): jawaban "
                  "dicatat sebagai penilaian mandiri (tahap SAQ) unit pada program itu.")
    izin = (R.MONEV_LAPANGAN,)
    sheets = (JAWABAN_SHEET, INFO_SHEET)
    kunci_kolom = ("kode",)

    def rencana(self, ctx: Konteks, progress: Progress) -> list[Item]:
        from ppid_desktop.core.errors import Problem, UserError
        from ppid_desktop.monev.lembar_kerja import NA, tanda

        info_rows = ctx.baca.tabel.get("Info", [])
        info = {str(b.nilai.get("kunci") or ""): b.nilai.get("nilai") for b in info_rows}
        first = info_rows[0] if info_rows else None
        m = ctx.services.monev

        def tolak(pesan: str) -> list[Item]:
            ctx.masalah.append(Problem(pesan, sheet="Info", row=first.nomor if first else None))
            return []

        if not info_rows and not ctx.baca.tabel.get("Jawaban"):
            return []  # an empty workbook (e.g. the blank template): nothing to record
        if not info.get("program_id"):
            return tolak("Sheet Info tidak berisi program: berkas ini bukan lembar kerja evaluasi mandiri PPID Desktop.")
        try:
            prog = m.ambil_program(str(info["program_id"]))
        except UserError:
            return tolak(f"Lembar kerja ini untuk program '{info.get('program')}' yang tidak ada di basis data ini.")
        try:
            inst = m.ambil_instrumen(prog.instrumen_id)
        except UserError:
            return tolak("Instrumen program tidak ditemukan.")
        unit = next((o for j, o in m.daftar_jadwal(prog.id) if o.id == info.get("unit_id")), None)
        if unit is None:
            return tolak(f"Unit '{info.get('unit')}' pada lembar kerja bukan sasaran program {prog.nama}.")
        if str(info.get("instrumen_id")) != inst.id or str(info.get("instrumen_versi")) != str(inst.versi):
            return tolak(f"Lembar kerja dibuat dari instrumen versi {info.get('instrumen_versi')}, sedangkan program "
                         f"{prog.nama} memakai {inst.nama} versi {inst.versi}: minta lembar kerja baru.")
        defn = m.definisi(inst.id)
        kode = [q.kode for q in defn.pertanyaan()]
        if str(info.get("tanda")) != tanda(prog.id, unit.id, inst.id, inst.versi, kode):
            return tolak("Tanda lembar kerja tidak cocok dengan program, unit dan instrumennya (sheet Info diubah?).")
        jadwal = next(j for j, o in m.daftar_jadwal(prog.id) if o.id == unit.id)
        sesi = m.sesi_jadwal(jadwal.id)
        if sesi is not None and sesi.status != "draf":
            return tolak(f"Sesi {unit.nama} sudah difinalkan dan terkunci: buat revisi sebelum mengimpor lembar kerja.")
        ada = m.muat_sesi(sesi.id) if sesi is not None else None
        ctx.target_jawaban = (prog.id, jadwal.id, inst, sesi.id if sesi else None)  # type: ignore[attr-defined]
        rows = ctx.baca.tabel.get("Jawaban", [])
        seen: dict[str, int] = {}
        items: list[Item] = []
        progress.start(len(rows), "Memeriksa jawaban")
        for b in rows:
            progress.step()
            k = str(b.nilai.get("kode") or "").strip()
            if not k:
                continue
            if k in seen:
                ctx.salah("Jawaban", b, "kode", f"Kode {k} ganda (sama dengan baris {seen[k]}).", k)
                continue
            seen[k] = b.nomor
            if k not in kode:
                ctx.salah("Jawaban", b, "kode", f"Pertanyaan {k} tidak ada pada instrumen versi {inst.versi}.", k)
                continue
            q = defn.ambil(k)
            raw = b.nilai.get("jawaban")
            na = isinstance(raw, str) and raw.strip().upper() == NA
            if na and not q.boleh_na:
                ctx.salah("Jawaban", b, "jawaban", f"Pertanyaan {k} tidak boleh dijawab N/A.", raw)
                continue
            try:
                nilai = None if na else I.normalkan_jawaban(q, _opsi_kode(q, raw))
            except UserError as exc:
                ctx.salah("Jawaban", b, "jawaban", exc.message, raw)
                continue
            bukti = str(b.nilai.get("bukti") or "").strip()
            catatan = str(b.nilai.get("catatan") or "").strip()
            data = {"kode": k, "nilai": nilai, "na": na, "bukti": bukti, "catatan": catatan}
            old = ada.jawaban.get(k) if ada is not None else None
            punya_bukti = ada is not None and bukti in {x.url or x.nama_berkas for x in ada.bukti.get(k, [])}
            if nilai is None and not na and not bukti and not catatan:
                continue
            if old is not None and old.nilai == nilai and bool(old.na) == na and (old.catatan or "") == catatan \
                    and (not bukti or punya_bukti):
                items.append(Item(LEWATI, k, data, b, old.id, "sama dengan jawaban yang ada"))
            else:
                items.append(Item(UBAH if old is not None else BARU, k, data, b, old.id if old else None))
        return items

    def terapkan(self, ctx: Konteks, session: Session, actor: Actor, items: list[Item]) -> None:
        from ppid_desktop.monev.models import Bukti, Jadwal, Jawaban, Sesi

        program_id, jadwal_id, inst, sesi_id = ctx.target_jawaban  # type: ignore[attr-defined]
        todo = [i for i in items if i.aksi != LEWATI]
        if not todo:
            return
        if sesi_id is None:
            jad = session.get(Jadwal, jadwal_id)
            assert jad is not None
            se = Sesi(program_id=program_id, jadwal_id=jadwal_id, opd_id=jad.opd_id,
                      instrumen_id=inst.id, instrumen_versi=inst.versi, catatan="Dibuat dari lembar kerja evaluasi mandiri.")
            session.add(se)
            session.flush()
            sesi_id = se.id
        now = utcnow()
        for i in todo:
            d = i.data
            row = session.get(Jawaban, i.id) if i.id else None
            if row is None:
                row = Jawaban(sesi_id=sesi_id, pertanyaan=d["kode"], instrumen_id=inst.id, instrumen_versi=inst.versi)
            row.nilai, row.na, row.catatan, row.dijawab_at = d["nilai"], d["na"], d["catatan"], now
            session.add(row)
            if d["bukti"]:
                url = d["bukti"] if d["bukti"].lower().startswith(("http://", "https://")) else ""
                session.add(Bukti(sesi_id=sesi_id, pertanyaan=d["kode"], jenis="tautan" if url else "berkas", url=url,
                                  nama_berkas="" if url else d["bukti"][:300],
                                  keterangan="dari lembar kerja evaluasi mandiri"))


def _opsi_kode(q: I.Pertanyaan, raw: Any) -> Any:
    """Option labels were written with commas replaced (Excel list validation): map them back."""
    if q.jenis == "pilihan" and isinstance(raw, str):
        for o in q.opsi:
            if raw.strip() in (o.label.replace(",", " "), o.label, o.kode):
                return o.kode
    return raw
