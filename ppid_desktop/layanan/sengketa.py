"""Sengketa: the dispute at the Komisi Informasi and the courts after it (UU 14/2008 Pasal 37–50)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import select

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.core.tanggal import tanggal_panjang
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.inti import Bagian, ada
from ppid_desktop.layanan.models import Keberatan, Sengketa

LABEL: dict[str, str] = {
    "nomor_ki": "Nomor registrasi KI", "komisi": "Komisi Informasi", "tahap": "Tahap", "hasil_mediasi": "Hasil mediasi",
    "hasil_ajudikasi": "Hasil ajudikasi", "tanggal_putusan": "Tanggal putusan KI", "nomor_putusan": "Nomor putusan KI",
    "tanggal_diajukan_pengadilan": "Diajukan ke PTUN/PN", "tanggal_putusan_pengadilan": "Putusan PTUN/PN",
    "tanggal_kasasi": "Permohonan kasasi", "tanggal_putusan_kasasi": "Putusan kasasi", "pengadilan": "Pengadilan",
    "nomor_perkara": "Nomor perkara", "putusan_pengadilan": "Amar putusan pengadilan", "catatan": "Catatan",
    "putusan_dilaksanakan": "Putusan dilaksanakan",
}


def _nilai(v: Any) -> str:
    if v is None or v == "":
        return "-"
    if isinstance(v, date):
        return tanggal_panjang(v)
    if v in RU.TAHAP_SENGKETA:
        return RU.TAHAP_SENGKETA[v]
    if v in RU.HASIL_SENGKETA:
        return RU.HASIL_SENGKETA[v]
    if v in RU.TINDAK_LANJUT:
        return RU.TINDAK_LANJUT[v]
    text = " ".join(str(v).split())
    return f"“{text[:77]}…”" if len(text) > 80 else f"“{text}”"


def mulai_aju(k: Keberatan, diterima: date | None) -> tuple[date, str]:
    """Where the 14 working days to file at the Komisi Informasi start (UU 14/2008 Pasal 37(2)): the day the
    requester received the Atasan's written answer; without a known receipt day, the answer's date; without
    an answer, the lapse of the 30-working-day answer window. Returns (day, what it is, for messages)."""
    if diterima is not None:
        return diterima, "jawaban Atasan PPID diterima pemohon"
    if k.tanggal_tanggapan is not None:
        return k.tanggal_tanggapan, "tanggal jawaban Atasan PPID (tanggal diterima pemohon belum dicatat)"
    return k.tenggat_jawaban, "habisnya waktu jawaban 30 hari kerja"


class SengketaLayanan(Bagian):
    def catat_sengketa(self, actor: Actor, keberatan_id: str, data: dict[str, Any]) -> tuple[Sengketa, list[str]]:
        R.require(actor, R.LAYANAN_CATAT)
        tgl = data.get("tanggal_diajukan")
        if not isinstance(tgl, date):
            raise ValidationError({"tanggal_diajukan": "Tanggal pengajuan ke Komisi Informasi wajib diisi."})
        if tgl > self.clock():
            raise ValidationError({"tanggal_diajukan": "Tanggal pengajuan tidak boleh setelah hari ini."})
        diterima = data.get("tanggal_jawaban_diterima")
        if diterima is not None and (not isinstance(diterima, date) or diterima > tgl):
            raise ValidationError({"tanggal_jawaban_diterima": "Tanggal pemohon menerima jawaban Atasan PPID tidak "
                                                               "valid (tidak boleh setelah sengketa diajukan)."})
        with self.store.read() as s:
            cur = ada(s, Keberatan, keberatan_id, "Keberatan")
        cal, _ = self._kalender(cur.tanggal_diterima, cur.tenggat_jawaban, tgl)
        warnings: list[str] = []
        with self.store.session(actor) as s:
            k = ada(s, Keberatan, keberatan_id, "Keberatan")
            if diterima is not None and k.tanggal_tanggapan and diterima < k.tanggal_tanggapan:
                raise ValidationError({"tanggal_jawaban_diterima": "Jawaban tidak mungkin diterima pemohon sebelum "
                                                                   f"tanggal jawaban ({tanggal_panjang(k.tanggal_tanggapan)})."})
            dasar, sejak = mulai_aju(k, diterima)
            batas = cal.add_workdays(dasar, RU.HK_SENGKETA_AJU).jatuh_tempo
            terlambat = tgl > batas
            if terlambat:
                warnings.append(f"Sengketa diajukan {tanggal_panjang(tgl)}, melewati 14 hari kerja sejak {sejak} "
                                f"({tanggal_panjang(batas)}).")
            if not k.tanggal_tanggapan and tgl <= k.tenggat_jawaban:
                warnings.append("Atasan PPID belum menjawab dan waktu jawaban 30 hari kerja belum habis.")
            row = Sengketa(keberatan_id=k.id, nomor_ki=str(data.get("nomor_ki") or "").strip(),
                           komisi=str(data.get("komisi") or "").strip(), tanggal_diajukan=tgl,
                           batas_pengajuan=batas, terlambat_diajukan=terlambat, catatan=str(data.get("catatan") or ""),
                           tanggal_jawaban_diterima=diterima,
                           batas_ki=cal.add_workdays(tgl, RU.HK_PUTUSAN_KI).jatuh_tempo)
            s.add(row)
            s.flush()
            self._event(s, actor, "sengketa", row.id, "dicatat", "", row.tahap,
                        f"Sengketa informasi didaftarkan {row.nomor_ki or '(nomor KI belum ada)'}")
            self._event(s, actor, "keberatan", k.id, "sengketa", k.status, k.status, "Diajukan sengketa ke Komisi Informasi.")
        return row, warnings

    SENGKETA_FIELDS = ("nomor_ki", "komisi", "tahap", "hasil_mediasi", "hasil_ajudikasi", "tanggal_putusan",
                       "nomor_putusan", "tanggal_diajukan_pengadilan", "tanggal_putusan_pengadilan", "tanggal_kasasi",
                       "tanggal_putusan_kasasi", "pengadilan", "nomor_perkara", "putusan_pengadilan", "catatan",
                       "putusan_dilaksanakan")
    SENGKETA_TANGGAL = {
        "tanggal_putusan": "Tanggal putusan Komisi Informasi",
        "tanggal_diajukan_pengadilan": "Tanggal diajukan ke PTUN/PN",
        "tanggal_putusan_pengadilan": "Tanggal putusan PTUN/PN",
        "tanggal_kasasi": "Tanggal permohonan kasasi",
        "tanggal_putusan_kasasi": "Tanggal putusan kasasi",
    }

    def ubah_sengketa(self, actor: Actor, sengketa_id: str, data: dict[str, Any]) -> Sengketa:
        """Record a stage of the dispute: mediation/adjudication outcome, the KI decision (date, number),
        the court stage (PTUN/PN, kasasi) with dates. Dates are checked for order; the statutory windows
        (14 working days to the KI and to the court, 14 days to kasasi) warn via ``peringatan_sengketa``."""
        R.require(actor, R.LAYANAN_CATAT)
        problems: dict[str, str] = {}
        if data.get("tahap") and data["tahap"] not in RU.TAHAP_SENGKETA:
            problems["tahap"] = "Tahap sengketa tidak dikenal."
        for key in ("hasil_mediasi", "hasil_ajudikasi"):
            if data.get(key) and data[key] not in RU.HASIL_SENGKETA:
                problems[key] = "Hasil tidak dikenal."
        if data.get("putusan_dilaksanakan") and data["putusan_dilaksanakan"] not in RU.TINDAK_LANJUT:
            problems["putusan_dilaksanakan"] = "Pilih: dilaksanakan atau tidak dilaksanakan."
        for key, lbl in self.SENGKETA_TANGGAL.items():
            v = data.get(key)
            if v is not None and not isinstance(v, date):
                problems[key] = f"{lbl} tidak valid."
            elif v is not None and v > self.clock():
                problems[key] = f"{lbl} ({tanggal_panjang(v)}) tidak boleh setelah hari ini."
        if problems:
            raise ValidationError(problems)
        with self.store.session(actor) as s:
            row = ada(s, Sengketa, sengketa_id, "Sengketa")
            dari = row.tahap
            changed = []
            for key in self.SENGKETA_FIELDS:
                if key in data:
                    v = data[key]
                    if isinstance(v, str):
                        v = v.strip()
                    lama = getattr(row, key)
                    if lama != v:
                        setattr(row, key, v)
                        changed.append(f"{LABEL.get(key, key)}: {_nilai(lama)} → {_nilai(v)}")
            urutan = [("tanggal_diajukan", "Tanggal diajukan ke Komisi Informasi"), *self.SENGKETA_TANGGAL.items()]
            sebelumnya: tuple[str, date] | None = None
            for key, lbl in urutan:
                v = getattr(row, key)
                if v is None:
                    continue
                if sebelumnya and v < sebelumnya[1]:
                    raise ValidationError({key: f"{lbl} ({tanggal_panjang(v)}) tidak boleh sebelum "
                                                f"{sebelumnya[0].lower()} ({tanggal_panjang(sebelumnya[1])})."})
                sebelumnya = (lbl, v)
            if row.tahap == "putusan_ki" and not row.tanggal_putusan:
                raise ValidationError({"tanggal_putusan": "Tahap putusan KI wajib disertai tanggal putusan."})
            if row.tahap == "pengadilan" and not row.tanggal_diajukan_pengadilan:
                raise ValidationError({"tanggal_diajukan_pengadilan": "Tahap pengadilan wajib disertai tanggal pengajuan ke PTUN/PN."})
            if row.tahap == "kasasi" and not row.tanggal_kasasi:
                raise ValidationError({"tanggal_kasasi": "Tahap kasasi wajib disertai tanggal permohonan kasasi."})
            s.add(row)
            note = RU.label(RU.TAHAP_SENGKETA, row.tahap)
            if row.hasil_mediasi:
                note += f"; mediasi: {RU.label(RU.HASIL_SENGKETA, row.hasil_mediasi)}"
            if row.hasil_ajudikasi:
                note += f"; ajudikasi: {RU.label(RU.HASIL_SENGKETA, row.hasil_ajudikasi)}"
            if changed:
                note += ". Diubah: " + "; ".join(changed)
            self._event(s, actor, "sengketa", row.id, "diubah", dari, row.tahap, note)
        return row

    def peringatan_sengketa(self, row: Sengketa) -> list[str]:
        """The statutory windows of a dispute, as warnings (never blocking): filing at the KI within 14
        working days of the Atasan's answer (or its lapse), filing at PTUN/PN within 14 working days of the
        KI decision (UU 14/2008 Pasal 47–48), kasasi within 14 days of the PTUN/PN decision (Pasal 50)."""
        out: list[str] = []
        if row.terlambat_diajukan and row.batas_pengajuan:
            out.append(f"Sengketa diajukan ke Komisi Informasi melewati 14 hari kerja (batas {tanggal_panjang(row.batas_pengajuan)}).")
        if row.batas_ki:
            if row.tanggal_putusan and row.tanggal_putusan > row.batas_ki:
                out.append(f"Putusan Komisi Informasi ({tanggal_panjang(row.tanggal_putusan)}) melewati 100 hari kerja "
                           f"sejak registrasi (batas {tanggal_panjang(row.batas_ki)}, Pasal 38 UU 14/2008).")
            elif not row.tanggal_putusan and row.tahap not in ("selesai",) and self.clock() > row.batas_ki:
                out.append(f"Komisi Informasi belum memutus, padahal 100 hari kerja sejak registrasi sudah lewat "
                           f"(batas {tanggal_panjang(row.batas_ki)}, Pasal 38 UU 14/2008).")
        cal, _ = self._kalender(row.tanggal_putusan, row.tanggal_putusan_pengadilan)
        if row.tanggal_putusan and row.tanggal_diajukan_pengadilan:
            batas = cal.add_workdays(row.tanggal_putusan, RU.HK_SENGKETA_AJU).jatuh_tempo
            if row.tanggal_diajukan_pengadilan > batas:
                out.append(f"Keberatan ke PTUN/PN diajukan {tanggal_panjang(row.tanggal_diajukan_pengadilan)}, melewati "
                           f"14 hari kerja sejak putusan Komisi Informasi (batas {tanggal_panjang(batas)}).")
        if row.tanggal_putusan_pengadilan and row.tanggal_kasasi:
            batas = row.tanggal_putusan_pengadilan + timedelta(days=14)
            if row.tanggal_kasasi > batas:
                out.append(f"Kasasi diajukan {tanggal_panjang(row.tanggal_kasasi)}, melewati 14 hari sejak putusan "
                           f"PTUN/PN (batas {tanggal_panjang(batas)}).")
        return out

    def jam_ki(self, row: Sengketa) -> str:
        """The KI's own clock as a line for the screen: the 100-working-day deadline and what is left of it."""
        if not row.batas_ki:
            return ""
        teks = f"Batas penyelesaian di Komisi Informasi (100 hari kerja, Pasal 38): {tanggal_panjang(row.batas_ki)}"
        if row.tanggal_putusan:
            return teks + f"; diputus {tanggal_panjang(row.tanggal_putusan)}."
        cal, _ = self._kalender(self.clock(), row.batas_ki)
        sisa = cal.workdays_between(self.clock(), row.batas_ki)
        return teks + (f"; sisa {sisa} hari kerja." if sisa >= 0 else f"; terlewati {-sisa} hari kerja.")

    def ambil_sengketa(self, sengketa_id: str) -> Sengketa:
        with self.store.read() as s:
            return ada(s, Sengketa, sengketa_id, "Sengketa")

    def sengketa_untuk(self, keberatan_id: str) -> list[Sengketa]:
        with self.store.read() as s:
            return list(s.exec(select(Sengketa).where(Sengketa.keberatan_id == keberatan_id, Sengketa.deleted == False)))  # noqa: E712
