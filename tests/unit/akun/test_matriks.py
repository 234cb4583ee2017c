"""The role x action matrix, generated from ``akun.roles.TINDAKAN``: every protected action tried by
every role, through the services (each row of the README table) and through the signed-in CLI.

An allowed action must run without any error; a refused one must raise ``PermissionDenied`` (CLI:
exit 2 with "tidak berwenang"), and the README must carry the generated table.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ppid_desktop import cli
from ppid_desktop.akun import roles as R
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.errors import PermissionDenied
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KeputusanMasukan,
    PermohonanMasukan,
    PutusanKeberatanMasukan,
)
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.monev import naskah_agenda, rapat
from ppid_desktop.monev.masukan import IsianInstrumen
from ppid_desktop.naskah.masukan import IsianKonsep
from ppid_desktop.services import Services
from ppid_desktop.sinkron.backup import backup
from tests.conftest import TEST_DEVICE, make_actor

HARI_INI = date(2026, 6, 15)
NIK = "3373011203800003"
SANDI = "sandi-uji-123"


def _permohonan(svc: Services, actor: Actor, **kw: Any) -> Any:
    data = {"tanggal_diterima": date(2026, 6, 1), "nama": "Budi Santoso", "nik": NIK, "alamat": "Jl. Uji 1",
            "rincian": "Salinan DPA", "tujuan": "Penelitian"}
    return svc.layanan.catat_permohonan(actor, PermohonanMasukan.dari_dict(data), **kw)


def _siapkan(svc: Services, admin: Actor) -> dict[str, Any]:
    svc.layanan.clock = lambda: HARI_INI
    opd = svc.master.simpan_opd(admin, IsianOpd.dari({"kode": "DINKES", "nama": "Dinas Kesehatan"}))
    peg = svc.master.simpan_pegawai(admin, IsianPegawai.dari({"nama": "Dra. Sri Lestari, M.Si.", "nip": "196804111993032009",
                                          "jabatan": "Kepala Bidang", "boleh_ttd": "pemberitahuan,nota_dinas,laporan,keputusan,surat_keluar,berita_acara"}))
    p0 = _permohonan(svc, admin)
    inst = svc.monev.simpan_instrumen(admin, IsianInstrumen.dari_dict({
        "kode": "m", "nama": "Uji", "jenis": "lain", "band": [{"nama": "Semua", "min": 0, "max": 100}],
        "aspek": [{"kode": "A", "nama": "A", "bobot": 100, "indikator": [{"kode": "A1", "nama": "A1", "pertanyaan": [
            {"kode": "q1", "teks": "Ada?", "jenis": "ya_tidak"}]}]}]}))
    svc.monev.terbitkan(admin, inst.id)
    prog = svc.monev.buat_program(admin, "Uji", inst.id, [opd.id])
    sesi = svc.monev.mulai_sesi(admin, svc.monev.daftar_jadwal(prog.id)[0][0].id)
    return {"p0": p0, "sesi": sesi, "peg": peg, "inst": inst, "opd": opd, "prog": prog}


@pytest.fixture(scope="module")
def dasar(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A base database, and the import files (made by an Admin elsewhere) that carry decisions."""
    root = tmp_path_factory.mktemp("matriks")
    admin = make_actor(R.ADMIN, username="admin")
    base = root / "dasar.sqlite"
    svc = Services.open(base, device=TEST_DEVICE)
    try:
        info = _siapkan(svc, admin)
        for role in R.ROLES:
            svc.akun.create_user(None if not svc.akun.has_users() else admin, _nama(role), role, SANDI, [role])
    finally:
        svc.close()
    # keberatan with the Atasan's ruling, on the base's own request
    keb_src = root / "keb-sumber.sqlite"
    shutil.copyfile(base, keb_src)
    svc = Services.open(keb_src, device=TEST_DEVICE)
    try:
        svc.layanan.clock = lambda: HARI_INI
        k, _ = svc.layanan.catat_keberatan(admin, info["p0"].id, KeberatanMasukan.dari_dict({"tanggal_diterima": date(2026, 6, 10),
                                                                   "alasan": "c", "kasus_posisi": "Tidak ditanggapi"}),
                                            nomor="901/KEB/2026")
        svc.layanan.putus_keberatan(admin, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "dikabulkan", "isi_tanggapan": "Berikan informasinya",
                                                  "atasan_nama": "Drs. Agus", "tanggal_tanggapan": date(2026, 6, 12)}))
        keb = root / "keberatan.xlsx"
        svc.rekap.ekspor(admin, "register-keberatan", keb)
    finally:
        svc.close()
    # a decided request from another office's register
    src = root / "sumber.sqlite"
    svc = Services.open(src, device=TEST_DEVICE)
    try:
        svc.layanan.clock = lambda: HARI_INI
        p = _permohonan(svc, admin, nomor="901/PPID/VI/2026")
        svc.layanan.putuskan(admin, p.id, KeputusanMasukan.dari_dict({"keputusan": "tidak_dikuasai", "badan_penguasa": "BPS",
                                           "tanggal_pemberitahuan": date(2026, 6, 5)}))
        reg = root / "register.xlsx"
        svc.rekap.ekspor(admin, "register-permohonan", reg, tampilkan_nik=True)
    finally:
        svc.close()
    return {"root": root, "base": base, "reg": reg, "keb": keb, **info}


def _nama(role: str) -> str:
    return {R.ADMIN: "admin", R.PETUGAS: "petugas", R.PPID: "ppid", R.ATASAN: "atasan", R.MONEV: "monev",
            R.SEKRETARIAT: "sekretariat"}[role]


def _tindakan(svc: Services, admin: Actor, d: dict[str, Any], out: Path) -> dict[str, Callable[[Actor], Any]]:
    from ppid_desktop.layanan import dokumen

    lay = svc.layanan
    p0 = d["p0"]

    def putuskan(a: Actor) -> None:
        p = _permohonan(svc, admin)
        lay.putuskan(a, p.id, KeputusanMasukan.dari_dict({"keputusan": "tidak_dikuasai", "badan_penguasa": "BPS",
                               "tanggal_pemberitahuan": date(2026, 6, 5)}))

    def putus_keberatan(a: Actor) -> None:
        p = _permohonan(svc, admin)
        k, _ = lay.catat_keberatan(admin, p.id, KeberatanMasukan.dari_dict({"tanggal_diterima": date(2026, 6, 10), "alasan": "c",
                                                  "kasus_posisi": "Tidak ditanggapi"}))
        lay.putus_keberatan(a, k.id, PutusanKeberatanMasukan.dari_dict({"putusan": "dikabulkan", "isi_tanggapan": "Berikan",
                                      "atasan_nama": "Drs. Agus", "tanggal_tanggapan": date(2026, 6, 12)}))

    def impor(jenis: str, path: Path) -> Callable[[Actor], None]:
        def run(a: Actor) -> None:
            h = svc.rekap.impor(a, jenis, path)
            assert h.diterapkan and h.baru == 1, h.masalah

        return run

    def lembar_kerja(a: Actor) -> None:  # Tim Monev imports this one kind without rekap.impor
        from ppid_desktop.monev.lembar_kerja import ekspor_lembar_kerja

        path = out / "lembar-kerja.xlsx"
        if not path.exists():
            ekspor_lembar_kerja(svc, d["sesi"].program_id, "DINKES", path)
        h = svc.rekap.impor(a, "jawaban", path, dry_run=True)
        assert h.bersih, h.masalah

    def akun(a: Actor) -> None:
        svc.akun.create_user(a, "baru.satu", "Baru Satu", SANDI, [R.PETUGAS])
        svc.akun.reset_password(a, "baru.satu", "sandi-lain-456")

    def audit(a: Actor) -> None:
        svc.akun.audit(a)
        assert svc.akun.periksa_audit(a).utuh

    return {
        "Catat permohonan (juga `ppid permohonan baru`)": lambda a: _permohonan(svc, a),
        "Putuskan permohonan": putuskan,
        "Putus keberatan": putus_keberatan,
        "Ambil nomor surat keluar permohonan": lambda a: lay.nomor_surat(a, p0.id, "pemberitahuan", date(2026, 6, 5)),
        "Hitung ulang tenggat": lay.hitung_ulang_tenggat,
        "Cetak tanda bukti permohonan, NIK utuh (`ppid cetak`)": lambda a: dokumen.cetak(svc, a, "tanda-bukti", p0.nomor),
        "Cetak register permohonan": lambda a: dokumen.cetak_register(svc, a, date(2026, 1, 1), HARI_INI),
        "Lihat NIK lengkap": lambda a: lay.lihat_nik(a, p0.id),
        "Ekspor register permohonan": lambda a: svc.rekap.ekspor(a, "register-permohonan", out / "r.xlsx"),
        "Ekspor dengan NIK lengkap (`--nik-lengkap`)": lambda a: svc.rekap.ekspor(
            a, "register-permohonan", out / "n.xlsx", tampilkan_nik=True),
        "Ekspor pegawai": lambda a: svc.rekap.ekspor(a, "pegawai", out / "p.xlsx"),
        "Anonimkan data pribadi": lambda a: lay.anonimkan(a, HARI_INI, dry_run=True),
        "Impor permohonan berkeputusan": impor("permohonan", d["reg"]),
        "Impor keberatan berputusan": impor("keberatan", d["keb"]),
        "Kelola akun, atur ulang kata sandi": akun,
        "Lihat dan periksa jejak audit (`ppid audit`)": audit,
        "Ubah data master": lambda a: svc.master.simpan_opd(a, IsianOpd.dari({"kode": "BARU", "nama": "Dinas Baru"})),
        "Isi sesi monev": lambda a: svc.monev.jawab(a, d["sesi"].id, "q1", "ya"),
        "Verifikasi nilai sesi monev": lambda a: svc.monev.jawab(a, d["sesi"].id, "q1", "ya", verifikasi=True),
        "Kelola program dan instrumen monev": lambda a: svc.monev.buat_program(a, "Uji lain", d["inst"].id, [d["opd"].id]),
        "Impor lembar kerja evaluasi mandiri (`ppid impor jawaban`)": lembar_kerja,
        "Buat naskah dinas": lambda a: svc.agenda.buat_konsep(a, IsianKonsep.dari({"jenis": "nota_dinas", "hal": "Uji matriks",
                                                                "penandatangan_id": d["peg"].id})),
        **{label: (lambda a, k=kinds[0]: naskah_agenda.siapkan(svc, a, k, d["prog"].id))
           for label, kinds in SUSUN_NASKAH_MONEV.items()},
        "Catat daftar hadir rapat monev": lambda a: rapat.catat_hadir(
            svc, a, d["prog"].id, [rapat.Peserta("Drs. Agus", "Kepala Dinas", "Dinas Kesehatan", hadir=True)]),
    }


# Which monev naskah kinds each drafting row of the matrix stands for (``naskah_agenda.SYARAT_SUSUN``).
SUSUN_NASKAH_MONEV: dict[str, tuple[str, ...]] = {
    "Susun konsep SK Tim Monev": ("sk-tim",),
    "Susun konsep laporan dan notulen monev": ("laporan-program", "laporan-unit", "laporan-solusi",
                                               "laporan-evaluasi", "notulen"),
    "Susun konsep undangan, KAK, permintaan data, BA evaluasi mandiri monev": (
        "undangan", "proposal", "surat-permintaan-data", "ba-evaluasi-mandiri"),
}


CLI_ONLY = {"Pulihkan cadangan menimpa (`restore --timpa`)"}


@pytest.mark.parametrize("role", R.ROLES)
def test_every_action_through_the_services(role: str, dasar: dict[str, Any], tmp_path: Path) -> None:
    db = tmp_path / "ppid.sqlite"
    shutil.copyfile(dasar["base"], db)
    svc = Services.open(db, device=TEST_DEVICE)
    try:
        svc.layanan.clock = lambda: HARI_INI
        admin = make_actor(R.ADMIN, username="admin")
        actor = make_actor(role, username=_nama(role))
        runners = _tindakan(svc, admin, dasar, tmp_path)
        assert set(runners) == {label for label, _ in R.TINDAKAN} - CLI_ONLY
        got: dict[str, str] = {}
        for label, _ in R.TINDAKAN:
            if label in CLI_ONLY:
                continue
            try:
                runners[label](actor)
                got[label] = "ya"
            except PermissionDenied:
                got[label] = "—"
        want = {label: "ya" if R.boleh(actor, syarat) else "—" for label, syarat in R.TINDAKAN if label not in CLI_ONLY}
        assert got == want
    finally:
        svc.close()


CLI_CASES: list[tuple[str, list[str]]] = [
    ("Cetak register permohonan", ["cetak", "register", "--dari", "2026-01-01", "--sampai", "2026-06-15", "-o", "{out}/r.pdf"]),
    ("Ekspor dengan NIK lengkap (`--nik-lengkap`)", ["ekspor", "register-permohonan", "{out}/e.xlsx", "--nik-lengkap"]),
    ("Anonimkan data pribadi", ["permohonan", "anonimkan", "--sampai", "2020-01-01", "--dry-run"]),
    ("Lihat dan periksa jejak audit (`ppid audit`)", ["audit", "periksa"]),
    ("Pulihkan cadangan menimpa (`restore --timpa`)", ["restore", "{arsip}", "--timpa"]),
]


@pytest.mark.parametrize("role", R.ROLES)
def test_protected_commands_through_the_signed_in_cli(role: str, dasar: dict[str, Any], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ppid.sqlite"
    shutil.copyfile(dasar["base"], db)
    svc = Services.open(dasar["base"], device=TEST_DEVICE)
    try:
        arsip = tmp_path / "arsip.ppidbak"
        backup(svc.store, arsip)
    finally:
        svc.close()
    monkeypatch.setenv("PPID_PENGGUNA", _nama(role))
    monkeypatch.setenv("PPID_KATA_SANDI", SANDI)
    actor = make_actor(role)
    syarat = dict(R.TINDAKAN)
    for label, argv in CLI_CASES:
        args = [a.format(out=tmp_path, arsip=arsip) for a in argv]
        rc = cli.main(["--db", str(db), *args])
        err = capsys.readouterr().err
        if R.boleh(actor, syarat[label]):
            assert rc in (0, 1), f"{label}: {err}"  # audit periksa says 1 only for a broken chain
        else:
            assert rc == 2 and "tidak berwenang" in err, f"{label}: {rc} {err}"


def test_wrong_password_and_missing_account_are_refused(dasar: dict[str, Any], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "ppid.sqlite"
    shutil.copyfile(dasar["base"], db)
    monkeypatch.setenv("PPID_PENGGUNA", "petugas")
    monkeypatch.setenv("PPID_KATA_SANDI", "salah-sekali")
    assert cli.main(["--db", str(db), "permohonan", "list"]) == 2
    assert "kata sandi salah" in capsys.readouterr().err
    monkeypatch.delenv("PPID_PENGGUNA")
    assert cli.main(["--db", str(db), "permohonan", "list"]) == 2
    assert "memerlukan akun" in capsys.readouterr().err
    assert cli.main(["--db", str(db), "check"]) == 0  # allowed without an account
    monkeypatch.setenv("PPID_PENGGUNA", "petugas")
    monkeypatch.delenv("PPID_KATA_SANDI")
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115 - no terminal to ask on
    assert cli.main(["--db", str(db), "permohonan", "list"]) == 2
    assert "PPID_KATA_SANDI" in capsys.readouterr().err


def test_readme_carries_the_generated_matrix() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    assert R.matriks_markdown() in readme


def test_monev_drafting_rows_agree_with_syarat_susun_kind_by_kind() -> None:
    """Every monev naskah kind that goes through the agenda has its row, and for every role the row says
    what ``naskah_agenda`` enforces (a change to ``SYARAT_SUSUN`` without the matrix fails here)."""
    syarat = dict(R.TINDAKAN)
    kinds = [k for ks in SUSUN_NASKAH_MONEV.values() for k in ks]
    assert sorted(kinds) == sorted(naskah_agenda.JENIS_AGENDA)
    for label, ks in SUSUN_NASKAH_MONEV.items():
        for role in R.ROLES:
            actor = make_actor(role)
            for k in ks:
                assert R.boleh(actor, syarat[label]) == naskah_agenda.boleh_susun(actor, k), (label, k, role)


def _izin_dipakai() -> dict[str, set[str]]:
    """Every permission constant (``R.X``) the Qt-free code refers to, and where (ui/ only mirrors them)."""
    import ast

    nama = {n for n in dir(R) if isinstance(getattr(R, n), str) and getattr(R, n) in R.DESCRIPTION}
    root = Path(R.__file__).resolve().parents[1]
    found: dict[str, set[str]] = {}
    for f in sorted(root.rglob("*.py")):
        rel = f.relative_to(root).as_posix()
        if rel.startswith("ui/") or rel == "akun/roles.py":
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in nama and isinstance(node.value, ast.Name) \
                    and node.value.id == "R":
                found.setdefault(getattr(R, node.attr), set()).add(rel)
    return found


def test_every_permission_the_code_checks_has_a_row_in_the_matrix() -> None:
    """Completeness: a permission a service checks (``R.require``/``R.can``/``izin``/``SYARAT_SUSUN`` …) that
    no matrix row needs means an action missing from the matrix (and from the README table)."""
    in_matrix = {p for _, syarat in R.TINDAKAN for s in syarat for p in (s if isinstance(s, tuple) else (s,))}
    used = _izin_dipakai()
    assert used, "the scan found nothing: it is broken"
    missing = {p: sorted(where)[:3] for p, where in used.items() if p not in in_matrix}
    assert missing == {}, f"permissions checked in code but absent from akun.roles.TINDAKAN: {missing}"
    assert set(R.DESCRIPTION) <= in_matrix
