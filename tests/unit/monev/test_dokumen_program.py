"""Monev paperwork read back from the PDFs, the headless contracts (``ppid sop``, ``ppid monev alur``,
``ppid monev cetak``, ``ppid monev skor --json``) and scores that say what they are."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ppid_desktop import cli
from ppid_desktop.core.errors import ValidationError
from ppid_desktop.core.tanggal import HARI
from ppid_desktop.master.masukan import IsianPegawai, IsianProfil
from ppid_desktop.monev.cetak import JENIS_CETAK, cetak, sop_pdf
from ppid_desktop.naskah.masukan import IsianKonsep
from tests.conftest import cli_admin
from tests.unit.monev.test_alur import T0, Jam, _jalan


def _teks(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


def _rata(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _siap(env: Any, template: str = "kip_2025", n_opd: int = 3) -> tuple[Any, Any]:
    inst, prog = env.program(template, n_opd=n_opd)
    env.monev.atur_tim(env.actor, prog.id, [(env.pegawai_ids[0], "Ketua"), (env.pegawai_ids[1], "Anggota")])
    return inst, prog


def _isi_sesi(env: Any, prog: Any, kode: str, nilai: Any, visitasi: float | None, tgl: date | None = None) -> Any:
    m = env.monev
    se = m.mulai_sesi(env.actor, next(j.id for j, o in m.daftar_jadwal(prog.id) if o.kode == kode))
    d = m.muat_sesi(se.id)
    for q in d.defn.pertanyaan():
        if q.jenis == "ya_tidak":
            m.jawab(env.actor, se.id, q.kode, nilai)
        elif q.jenis == "level":
            m.jawab(env.actor, se.id, q.kode, 4)
        elif q.jenis == "pilihan":
            m.jawab(env.actor, se.id, q.kode, q.opsi[-1].kode)
    m.tambah_responden(env.actor, se.id, "Budi Hartono, S.Kom.", "Kepala Subbagian Umum dan Kepegawaian Dinas",
                       "198003152005011002")
    if visitasi is not None:
        m.atur_nilai_tahap(env.actor, se.id, "visitasi", visitasi)
    return m.finalisasi(env.actor, se.id, tanggal_ba=tgl or date(2026, 11, 22), paksa=True)


def test_kip_without_visitasi_is_incomplete_and_unranked(env: Any) -> None:
    _inst, prog = _siap(env)
    _isi_sesi(env, prog, "DISKOMINFO", "ya", None)  # perfect SAQ, no visitasi
    _isi_sesi(env, prog, "DINKES", "tidak", 60)
    rows = [r.to_dict() for r in env.monev.program_scores(prog.id)]
    by = {r["opd_kode"]: r for r in rows}
    perfect = by["DISKOMINFO"]
    assert perfect["lengkap"] is False and perfect["peringkat"] is None
    assert by["DINKES"]["lengkap"] is True and by["DINKES"]["peringkat"] == 1
    assert rows[0]["opd_kode"] == "DINKES"  # final results before incomplete ones


def test_berita_acara_words_weekday_weighting_and_signatures(env: Any) -> None:
    _inst, prog = _siap(env)
    se = _isi_sesi(env, prog, "DISKOMINFO", "ya", 80, tgl=date(2026, 11, 22))
    pdf = cetak(env.services, "berita-acara", prog.id, unit="DISKOMINFO")
    t = _rata(_teks(pdf))
    assert "Pada hari ini Minggu tanggal dua puluh dua bulan November tahun dua ribu dua puluh enam" in t
    assert HARI[date(2026, 11, 22).weekday()] == "Minggu"
    assert "Cara nilai akhir dibentuk" in t and "80% Penilaian Mandiri" in t and "20% Visitasi" in t
    # both signature blocks on the same page as the closing sentence
    last = _rata(PdfReader(io.BytesIO(pdf)).pages[-1].extract_text() or "")
    assert "Demikian berita acara" in last and "Budi Hartono" in last and "Agus Santoso" in last
    assert "Lama kunjungan" in t
    # the NIP of both signers stays on one line
    lines = _teks(pdf).splitlines()
    assert any("19800315 200501 1 002" in ln for ln in lines)
    assert env.monev.ambil_sesi(se.id).ba_nomor


def test_sk_tim_keputusan_structure_and_programme_report_lists_every_unit(env: Any) -> None:
    _inst, prog = _siap(env, n_opd=4)
    _isi_sesi(env, prog, "DISKOMINFO", "ya", 90)
    _isi_sesi(env, prog, "DINKES", "tidak", 50)
    _isi_sesi(env, prog, "DISDIK", "ya", None)
    t = _rata(_teks(cetak(env.services, "sk-tim", prog.id)))
    pos = [t.find(k) for k in ("KEPUTUSAN", "TENTANG", "Menimbang", "Mengingat", "MEMUTUSKAN", "Menetapkan", "KESATU",
                               "KEDUA", "LAMPIRAN", "SUSUNAN TIM")]
    assert all(p >= 0 for p in pos) and pos == sorted(pos), pos
    assert "Agus Santoso" in t
    rep = _rata(_teks(cetak(env.services, "laporan-program", prog.id)))
    for _j, o in env.monev.daftar_jadwal(prog.id):
        assert o.nama in rep
    assert "Belum final" in rep and "Cara nilai akhir dibentuk" in rep and "REKOMENDASI" in rep
    assert "Waktu baku kunjungan 90 menit" in rep and "melampaui" in rep


def test_every_jenis_prints(env: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _inst, prog = _siap(env, "spbe_59_2020", n_opd=2)
    _isi_sesi(env, prog, "DISKOMINFO", "ya", None)
    _isi_sesi(env, prog, "DINKES", "ya", None)
    env.monev.mulai_alur(env.actor, "PTK-MONEV-SPBE", program_id=prog.id, waktu=T0)
    db = str(env.services.store.path)
    cli_admin(Path(db))  # the CLI signs in
    for jenis in JENIS_CETAK:
        f = tmp_path / f"{jenis}.pdf"
        args = ["--db", db, "monev", "cetak", jenis, prog.id[:8], "-o", str(f)]
        if jenis in ("berita-acara", "laporan-unit"):
            args += ["--unit", "DINKES"]
        rc = cli.main(args)
        assert rc == 0, (jenis, capsys.readouterr().err)
        assert f.read_bytes().startswith(b"%PDF")
    t = _rata(_teks((tmp_path / "ba-evaluasi-mandiri.pdf").read_bytes()))
    assert "BERITA ACARA EVALUASI MANDIRI SPBE" in t and "Sekretaris Daerah" in t and "Indeks SPBE" in t
    t = _rata(_teks((tmp_path / "surat-pemberitahuan.pdf").read_bytes()))
    assert "Kepala Dinas Komunikasi dan Informatika" in t and "Kepala Dinas Kesehatan" in t  # one letter per unit
    assert len(PdfReader(str(tmp_path / "surat-pemberitahuan.pdf")).pages) >= 3 and "TANDA TERIMA" in t
    rc = cli.main(["--db", db, "monev", "cetak", "berita-acara", prog.id[:8], "-o", str(tmp_path / "x.pdf")])
    assert rc == 2 and "--unit" in capsys.readouterr().err


def test_skor_json_lengkap_and_spbe_instansi(env: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _inst, prog = _siap(env, "spbe_59_2020", n_opd=3)
    _isi_sesi(env, prog, "DISKOMINFO", "ya", None)
    _isi_sesi(env, prog, "DINKES", "ya", None)
    capsys.readouterr()
    cli_admin(env.services.store.path)  # the CLI signs in
    rc = cli.main(["--db", str(env.services.store.path), "monev", "skor", prog.id, "--json"])
    d = json.loads(capsys.readouterr().out)
    assert rc == 0 and set(d) == {"unit", "instansi"}
    assert all("lengkap" in u for u in d["unit"])
    inst = d["instansi"]
    assert inst["indeks"] == 4.0 and inst["predikat"] == "Sangat Baik"
    assert [x["nama"] for x in inst["domain"]] == ["Domain 1 Kebijakan Internal SPBE", "Domain 2 Tata Kelola SPBE",
                                                   "Domain 3 Manajemen SPBE", "Domain 4 Layanan SPBE"]
    assert all(set(x) >= {"nama", "indeks"} and x["indeks"] == 4.0 for x in inst["domain"])


def test_spbe_instansi_index_rules(env: Any) -> None:
    """Policy/governance domains take the best OPD level, the service domain the mean; weights per
    Permenpan RB 59/2020 (domain 4 weighs 45.5 %)."""
    from ppid_desktop.monev import skor as S

    m = env.monev
    inst = m.impor_templat(env.actor, "spbe_59_2020")
    defn = m.definisi(inst.id)

    def hasil(level_d123: int, level_d4: int) -> Any:
        isian = {}
        for a in defn.aspek:
            for ind in a.indikator:
                for q in ind.pertanyaan:
                    lv = level_d4 if "Layanan" in a.kelompok else level_d123
                    isian[q.kode] = S.Isian(str(lv))
        return S.hitung(defn, isian)

    ix = S.indeks_instansi(defn, [hasil(2, 2), hasil(4, 4)])
    dom = {d.nama: d.indeks for d in ix.domain}
    assert dom["Domain 1 Kebijakan Internal SPBE"] == 4.0  # max
    assert dom["Domain 4 Layanan SPBE"] == 3.0  # mean
    expected = (0.545 * 4 + 0.455 * 3)
    assert ix.indeks == pytest.approx(round(expected, 2), abs=0.011) and ix.predikat == "Sangat Baik"


def test_cli_sop_list_cetak_and_alur(env: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(env.services.store.path)
    cli_admin(Path(db))  # the CLI signs in
    capsys.readouterr()
    assert cli.main(["--db", db, "sop", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5 and all(list(r) == ["kode", "nama", "asal", "jumlah_langkah", "jumlah langkah"] for r in rows)
    assert all(r["jumlah_langkah"] == r["jumlah langkah"] > 0 for r in rows)
    f = tmp_path / "sop.pdf"
    assert cli.main(["--db", db, "sop", "cetak", "SLG-MONEV-BIDANG", "-o", str(f)]) == 0
    t = _rata(_teks(f.read_bytes()))
    for k in ("Nomor SOP", "Disahkan oleh", "Dasar Hukum", "Kualifikasi Pelaksana", "Peringatan", "Tim Teknis",
              "Kelengkapan", "Waktu", "Output", "Tidak → 3", "Ya → 13"):
        assert k in t, k
    assert cli.main(["--db", db, "sop", "cetak", "TIDAK-ADA", "-o", str(f)]) == 2
    capsys.readouterr()
    _inst, prog = _siap(env, "monitoring_kegiatan", n_opd=2)
    assert cli.main(["--db", db, "monev", "alur", prog.id[:8], "--json"]) == 2
    capsys.readouterr()
    m = env.monev
    jam = Jam()
    alur = m.mulai_alur(env.actor, "SLG-MONEV-BIDANG", program_id=prog.id, waktu=jam(0))
    for u, _n in m.alur_unit(alur.id):
        _jalan(m, u.id, jam, 5, menit=40)  # steps 1-4: 30 hari, 30 hari, 30 menit, 30 menit baku
    assert cli.main(["--db", db, "monev", "alur", prog.id[:8], "--json"]) == 0
    steps = json.loads(capsys.readouterr().out)
    assert [s["no"] for s in steps] == list(range(1, 16))
    assert all(set(s) >= {"no", "kegiatan", "pelaksana", "status", "waktu_baku_menit", "waktu_aktual_menit"}
               for s in steps)
    s3 = steps[2]
    assert s3["waktu_baku_menit"] == 30 and s3["waktu_aktual_menit"] == 80 and s3["melampaui"] == 2
    assert steps[0]["waktu_baku_menit"] == 30 * 1440 and steps[0]["status"] == "selesai"
    assert steps[4]["status"] == "unit" and steps[9]["status"] == "menunggu"


def test_sop_pdf_on_a4_and_f4(env: Any) -> None:
    from ppid_desktop.monev.alur import sop_bawaan

    for kertas in ("A4", "F4"):
        env.services.master.simpan_profil(_admin(), IsianProfil.dari({"kertas": kertas}))
        for sop in sop_bawaan():
            pdf = sop_pdf(env.services, sop)
            w, h = PdfReader(io.BytesIO(pdf)).pages[0].mediabox.width, PdfReader(io.BytesIO(pdf)).pages[0].mediabox.height
            assert w > h  # landscape
            assert round(float(w) / 72 * 25.4) == (297 if kertas == "A4" else 330)


def _admin() -> Any:
    from ppid_desktop.akun import roles as R
    from tests.conftest import make_actor

    return make_actor(R.ADMIN, username="admin")


def test_paperwork_through_the_agenda_numbered_at_signature_and_frozen(env: Any) -> None:
    """SK Tim and the laporan per unit are agenda letters: a draft prints no number, the review can send
    the report back with a note (seed 000 step 11), signing numbers and freezes it, and ``monev cetak``
    prints the frozen file."""
    from ppid_desktop.akun import roles as R
    from ppid_desktop.monev import naskah_agenda as NA
    from tests.conftest import make_actor

    svc = env.services
    sek = make_actor(R.SEKRETARIAT, R.MONEV, username="sekretariat")
    _inst, prog = _siap(env, n_opd=2)
    _isi_sesi(env, prog, "DINKES", "ya", 85)
    draft = NA.siapkan(svc, sek, "sk-tim", prog.id)
    assert draft.jenis == "keputusan"
    agus = next(p for p in svc.master.daftar_pegawai() if p.nama.startswith("Agus"))  # surat_keluar authority only
    with pytest.raises(ValidationError, match="keputusan"):
        svc.agenda.ubah_konsep(sek, draft.id, IsianKonsep.dari({"jenis": "keputusan", "hal": draft.hal, "penandatangan_id": agus.id}), [])
    assert draft.status == "konsep" and NA.siapkan(svc, sek, "sk-tim", prog.id).id == draft.id
    t = _rata(_teks(cetak(svc, "sk-tim", prog.id)))
    assert "diberikan saat ditandatangani" in t and "MEMUTUSKAN" in t
    kadis = svc.master.simpan_pegawai(_admin(), IsianPegawai.dari({"nama": "Ir. Bambang Wijaya, M.T.", "nip": "197001011995031001",
                                               "jabatan": "Kepala Dinas Komunikasi dan Informatika",
                                               "boleh_ttd": "keputusan"}))
    svc.agenda.ubah_konsep(sek, draft.id, IsianKonsep.dari({"jenis": "keputusan", "hal": draft.hal, "penandatangan_id": kadis.id}), [])
    svc.agenda.ajukan(sek, draft.id)
    signed = svc.agenda.tandatangani(sek, draft.id, date(2026, 3, 2), hari_ini=date(2026, 3, 2))
    assert signed.nomor == "188.4/1/KEP/2026"  # the keputusan series, not the surat keluar counter
    assert "KEPUTUSAN KEPALA DINAS KOMUNIKASI DAN INFORMATIKA" in _rata(_teks(cetak(svc, "sk-tim", prog.id)))
    pdf = cetak(svc, "sk-tim", prog.id)
    assert signed.nomor in _rata(_teks(pdf)) and pdf == cetak(svc, "sk-tim", prog.id)  # frozen
    unit_id = next(o.id for _j, o in env.monev.daftar_jadwal(prog.id) if o.kode == "DINKES")
    lap = NA.siapkan(svc, sek, "laporan-unit", prog.id, unit_id=unit_id)
    svc.agenda.ajukan(sek, lap.id)
    with pytest.raises(Exception, match="(?i)catatan"):
        svc.agenda.kembalikan(sek, lap.id, "")
    svc.agenda.kembalikan(sek, lap.id, "Lengkapi rekomendasi")
    assert svc.agenda.ambil(lap.id).status == "dikembalikan"
    svc.agenda.ajukan(sek, lap.id)
    done = svc.agenda.tandatangani(sek, lap.id, date(2026, 3, 3), hari_ini=date(2026, 3, 3))
    t = _rata(_teks(cetak(svc, "laporan-unit", prog.id, unit="DINKES")))
    assert done.nomor in t and "Dinas Kesehatan".upper() in t.upper()
