"""Sync scenarios on real SQLite replicas: merge per field group, conflicts that travel and get
resolved, edit vs delete, locked sessions, hand-over, natural ids, numbers, identity, encryption."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from ppid_desktop.core.device import Device
from ppid_desktop.core.errors import StorageError, UserError
from ppid_desktop.layanan.masukan import PermohonanMasukan
from ppid_desktop.master.masukan import IsianOpd
from ppid_desktop.services import Services
from ppid_desktop.sinkron import identitas as ID
from ppid_desktop.sinkron.fs import cek_bukan_jaringan, fs_type
from tests.unit.sinkron.tim import Dasar, Pos, Replika, salin


@pytest.fixture
def pos(tmp_path: Path) -> Pos:
    folder = tmp_path / "pos"
    folder.mkdir()
    return Pos(folder)


def _opd(r: Replika, opd_id: str) -> Any:
    return r.svc.master.ambil_opd(opd_id)


def _dump(r: Replika) -> str:
    return json.dumps(r.s.dump(stempel=False), sort_keys=True, default=str)


# ---------------------------------------------------------------- merge rules
def test_different_groups_both_survive(tim: list[Replika], dasar: Dasar, pos: Pos) -> None:
    a, b, _ = tim
    oid = dasar.opd_ids[0]
    a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"nama": "Dinas Nama Baru"}), oid)
    b.svc.master.simpan_opd(b.actor, IsianOpd.dari({"kepala": "Budi Santoso"}), oid)
    pos.tukar(a, b)
    for r in (a, b):
        o = _opd(r, oid)
        assert (o.nama, o.kepala) == ("Dinas Nama Baru", "Budi Santoso")
        assert r.s.konflik() == []
    assert _dump(a) == _dump(b)


def test_same_group_is_a_conflict_that_travels_and_is_resolved_everywhere(
        tim: list[Replika], dasar: Dasar, pos: Pos) -> None:
    a, b, c = tim
    oid = dasar.opd_ids[0]
    a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"nama": "Versi A"}), oid)
    b.svc.master.simpan_opd(b.actor, IsianOpd.dari({"nama": "Versi B"}), oid)
    res = pos.kirim(a, b)
    assert res["per_jenis"]["perangkat_daerah"]["konflik"] == 1
    pos.kirim(b, a)
    # The same provisional winner on both; the loser kept in a conflict on both.
    assert _opd(a, oid).nama == _opd(b, oid).nama
    winner = _opd(a, oid).nama
    ka, kb = a.s.konflik(), b.s.konflik()
    assert len(ka) == len(kb) == 1 and ka[0]["id"] == kb[0]["id"]
    k = ka[0]
    assert {k["menang"]["nilai"]["nama"], k["kalah"]["nilai"]["nama"]} == {"Versi A", "Versi B"}
    assert k["entitas"] == "perangkat_daerah" and k["grup"] == "identitas"
    assert k["kalah"]["penulis"].startswith(("ua@", "ub@")) and k["kalah"]["replika"] in (a.s.replika, b.s.replika)
    # C never saw either write directly: the conflict travels to it.
    pos.kirim(b, c)
    assert [x["id"] for x in c.s.konflik()] == [k["id"]]
    assert c.s.jumlah_konflik() == 1
    # Resolve on C with the losing value: the resolution covers both sides and clears everywhere.
    loser = k["kalah"]["nilai"]["nama"]
    c.s.selesaikan(c.actor, k["id"], "milik-mereka")
    assert _opd(c, oid).nama == loser != winner
    assert c.s.jumlah_konflik() == 0
    pos.tukar(a, b, c)
    for r in (a, b, c):
        assert _opd(r, oid).nama == loser
        assert r.s.jumlah_konflik() == 0
    assert _dump(a) == _dump(b) == _dump(c)


def test_edit_against_delete_is_a_conflict(tim: list[Replika], pos: Pos) -> None:
    a, b, _ = tim
    opd = a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"kode": "HAPUS", "nama": "Dinas Dihapus"}))
    pos.kirim(a, b)
    a.svc.master.hapus_opd(a.actor, opd.id)
    b.svc.master.simpan_opd(b.actor, IsianOpd.dari({"kepala": "Masih Dipakai"}), opd.id)
    pos.tukar(a, b)
    kinds = {k["jenis"] for k in a.s.konflik()}
    assert "hapus" in kinds
    assert _dump(a) == _dump(b)
    # Nothing silently lost: the edit is still in the record.
    with a.svc.store.engine.connect() as conn:
        kepala = conn.execute(text("SELECT kepala FROM perangkat_daerah WHERE id = :i"), {"i": opd.id}).scalar()
    assert kepala == "Masih Dipakai"
    hapus = next(k for k in a.s.konflik() if k["jenis"] == "hapus")
    a.s.selesaikan(a.actor, hapus["id"], "milik-mereka")
    pos.tukar(a, b)
    assert a.svc.master.ambil_opd(opd.id).deleted is False
    assert b.svc.master.ambil_opd(opd.id).deleted is False
    assert a.s.jumlah_konflik() == b.s.jumlah_konflik() == 0


def test_reapplying_a_package_changes_nothing_and_preview_writes_nothing(tim: list[Replika], dasar: Dasar,
                                                                          tmp_path: Path) -> None:
    a, b, _ = tim
    a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"nama": "Sekali Saja"}), dasar.opd_ids[1])
    path = tmp_path / "a.ppidsync"
    a.s.ekspor(a.actor, path, semua=True)
    before = _dump(b)
    pre = b.s.impor(b.actor, path, pratinjau=True)
    assert pre["per_jenis"]["perangkat_daerah"]["diperbarui"] == 1
    assert _dump(b) == before and b.s.riwayat() == []
    first = b.s.impor(b.actor, path)
    assert first["per_jenis"] == pre["per_jenis"]
    after = _dump(b)
    again = b.s.impor(b.actor, path)
    assert again["sudah_diterapkan"] is True
    assert again["total"]["baru"] == again["total"]["diperbarui"] == again["total"]["konflik"] == 0
    assert _dump(b) == after
    assert [r["hasil"] for r in b.s.riwayat()] == ["diterapkan", "diterapkan"]
    assert len(list((b.svc.store.path.parent / "cadangan").glob("*sebelum-sinkron*.sqlite"))) == 2
    for _ in range(3):  # a safety copy per package applied: the newest three are kept, not one per package
        b.s.impor(b.actor, path)
    assert len(list((b.svc.store.path.parent / "cadangan").glob("*sebelum-sinkron*.sqlite"))) == 3


def test_imported_rows_keep_their_origin_author(tim: list[Replika], dasar: Dasar, pos: Pos) -> None:
    a, b, _ = tim
    a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"nama": "Ditulis A"}), dasar.opd_ids[0])
    pos.kirim(a, b)
    o = _opd(b, dasar.opd_ids[0])
    assert (o.updated_by, o.device_id) == ("ua", "perangkat-a")


def test_natural_things_have_one_id_on_every_laptop(tim: list[Replika], dasar: Dasar, pos: Pos) -> None:
    a, b, _ = tim
    j = dasar.jadwal_ids[0]
    sa = a.svc.monev.mulai_sesi(a.actor, j)
    sb = b.svc.monev.mulai_sesi(b.actor, j)
    assert sa.id == sb.id == ID.id_alami("monev_sesi", j, 1)
    ja = a.svc.monev.jawab(a.actor, sa.id, dasar.pertanyaan[0], "2")
    jb = b.svc.monev.catat(b.actor, sb.id, dasar.pertanyaan[0], "catatan B")
    assert ja.id == jb.id
    a_opd = a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"kode": "SAMA", "nama": "OPD Sama"}))
    b_opd = b.svc.master.simpan_opd(b.actor, IsianOpd.dari({"kode": "SAMA", "nama": "OPD Sama"}))
    assert a_opd.id == b_opd.id
    pos.tukar(a, b)
    # Score from A and note from B are separate groups: both kept, no conflict, no duplicate row.
    data = a.svc.monev.muat_sesi(sa.id)
    row = data.jawaban[dasar.pertanyaan[0]]
    assert (row.nilai, row.catatan) == ("2", "catatan B")
    assert a.s.konflik() == []
    with a.svc.store.engine.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM monev_sesi WHERE jadwal_id = :j"), {"j": j}).scalar()
    assert n == 1
    assert _dump(a) == _dump(b)


def test_random_ids_of_one_natural_thing_are_mapped_on_import(tim: list[Replika], pos: Pos) -> None:
    a, b, _ = tim
    # Rows written with random ids and no flush (an older app version, a path that sets its own ids): the
    # same setting key on both laptops. (A bulk row without an id takes the natural id, like the ORM path.)
    import uuid

    from ppid_desktop.core.db import bulk_insert
    from ppid_desktop.layanan.models import PengaturanLayanan

    for r, nilai in ((a, "5"), (b, "5")):
        with r.svc.store.session(r.actor) as s:
            bulk_insert(s, PengaturanLayanan, [{"id": str(uuid.uuid4()), "kunci": "retensi_tahun", "nilai": nilai}],
                        "uji")
    pos.tukar(a, b)
    for r in (a, b):
        with r.svc.store.engine.connect() as conn:
            n = conn.execute(text("SELECT count(*) FROM pengaturan_layanan WHERE kunci = 'retensi_tahun' "
                                  "AND deleted = 0")).scalar()
            mapped = conn.execute(text("SELECT count(*) FROM sinkron_peta")).scalar()
        assert n == 1
        assert mapped == 1


# ---------------------------------------------------------------- monev rules
def test_answer_written_while_session_was_finalised_elsewhere_is_a_locked_conflict(
        tim: list[Replika], dasar: Dasar, pos: Pos) -> None:
    a, b, _ = tim
    j, q = dasar.jadwal_ids[0], dasar.pertanyaan[0]
    se = a.svc.monev.mulai_sesi(a.actor, j)
    a.svc.monev.catat(a.actor, se.id, q, "awal")
    pos.tukar(a, b)
    a.svc.monev.finalisasi(a.actor, se.id, paksa=True)
    b.svc.monev.catat(b.actor, se.id, q, "terlambat dari B")
    pos.tukar(a, b, putaran=3)
    for r in (a, b):
        assert r.svc.monev.ambil_sesi(se.id).status == "final"
        assert r.svc.monev.muat_sesi(se.id).jawaban[q].catatan == "awal"
    k = [x for x in a.s.konflik() if x["jenis"] == "terkunci"]
    assert len(k) == 1 and k[0]["kalah"]["nilai"] == {"catatan": "terlambat dari B"}
    assert _dump(a) == _dump(b)


def test_berita_acara_numbers_arriving_twice_are_a_conflict_and_counters_move_past(
        tim: list[Replika], dasar: Dasar, pos: Pos) -> None:
    a, b, _ = tim
    s0 = a.svc.monev.mulai_sesi(a.actor, dasar.jadwal_ids[0])
    s1 = b.svc.monev.mulai_sesi(b.actor, dasar.jadwal_ids[1])
    na = a.svc.monev.finalisasi(a.actor, s0.id, paksa=True).ba_nomor
    nb = b.svc.monev.finalisasi(b.actor, s1.id, paksa=True).ba_nomor
    assert na == nb  # two laptops numbering on their own
    pos.tukar(a, b)
    ganda = [k for k in a.s.konflik() if k["jenis"] == "nomor_ganda"]
    assert len(ganda) == 1 and ganda[0]["grup"] == "ba_nomor"
    with a.svc.store.engine.connect() as conn:
        last = conn.execute(text("SELECT terakhir FROM nomor_urut WHERE seri = 'berita_acara'")).scalar()
    assert last >= 1


def test_handed_over_session_cannot_be_edited_by_the_giver_until_it_comes_back(
        tim: list[Replika], dasar: Dasar, pos: Pos) -> None:
    a, b, _ = tim
    j, q = dasar.jadwal_ids[0], dasar.pertanyaan[1]
    se = a.svc.monev.mulai_sesi(a.actor, j)
    pos.kirim(a, b, serahkan=se.id)
    with pytest.raises(UserError, match="diserahkan"):
        a.svc.monev.catat(a.actor, se.id, q, "tidak boleh")
    assert b.s.pemegang(se.id)["di_sini"] is True
    b.svc.monev.catat(b.actor, se.id, q, "di lapangan")
    pos.kirim(b, a)  # a delta does not give it back
    with pytest.raises(UserError, match="diserahkan"):
        a.svc.monev.catat(a.actor, se.id, q, "masih tidak boleh")
    pos.kirim(b, a, serahkan=se.id)  # handed back
    assert a.svc.monev.muat_sesi(se.id).jawaban[q].catatan == "di lapangan"
    a.svc.monev.catat(a.actor, se.id, q, "kembali ke kantor")
    with pytest.raises(UserError, match="diserahkan"):
        b.svc.monev.catat(b.actor, se.id, q, "sudah bukan milik B")
    # Taken back explicitly when the other laptop is lost.
    b.s.ambil_kembali(b.actor, se.id)
    b.svc.monev.catat(b.actor, se.id, q, "diambil kembali")


def test_program_package_equips_a_blank_field_laptop(dasar: Dasar, tmp_path: Path) -> None:
    kantor = salin(dasar, tmp_path, "kantor")
    lapangan = Services.open(tmp_path / "lapangan.sqlite", device=Device(id="lap", name="Laptop Lapangan"))
    try:
        from tests.unit.sinkron.tim import actor_for

        act = actor_for(lapangan, "lap")
        lapangan.sinkron.kunci_pasang(act, kantor.svc.sinkron.teks_kunci(kantor.actor))
        path = tmp_path / "program.ppidsync"
        kantor.s.ekspor(kantor.actor, path, program=dasar.program_id)
        out = lapangan.sinkron.impor(act, path)
        assert out["jenis"] == "program"
        assert [p["id"] for p in lapangan.monev.daftar_program()] == [dasar.program_id]
        assert len(lapangan.monev.daftar_jadwal(dasar.program_id)) == 2
        se = lapangan.monev.mulai_sesi(act, dasar.jadwal_ids[0])
        ba = lapangan.monev.finalisasi(act, se.id, paksa=True).ba_nomor
        assert ba.startswith("1/"), ba  # the first number of the block reserved for the field
        s2 = kantor.svc.monev.mulai_sesi(kantor.actor, dasar.jadwal_ids[1])
        assert kantor.svc.monev.finalisasi(kantor.actor, s2.id, paksa=True).ba_nomor.startswith("51/")
        assert lapangan.master.profil().pemerintah == "PEMERINTAH KOTA SALATIGA"
    finally:
        lapangan.close()
        kantor.svc.close()


# ---------------------------------------------------------------- identity
def test_copied_database_takes_a_new_replica_id(dasar: Dasar, tmp_path: Path) -> None:
    a = salin(dasar, tmp_path, "asli")
    rid = a.s.replika
    a.svc.close()
    reopened = Services.open(tmp_path / "asli.sqlite", device=Device(id="x", name="x"))
    assert reopened.sinkron.replika == rid  # the same file keeps its id
    reopened.close()
    (tmp_path / "copy").mkdir()
    shutil.copyfile(tmp_path / "asli.sqlite", tmp_path / "copy" / "asli.sqlite")
    shutil.copyfile(tmp_path / "asli.sqlite.replika", tmp_path / "copy" / "asli.sqlite.replika")
    copy = Services.open(tmp_path / "copy" / "asli.sqlite", device=Device(id="y", name="y"))
    try:
        assert copy.sinkron.replika != rid
    finally:
        copy.close()


def test_package_claiming_this_replica_is_refused(tim: list[Replika], tmp_path: Path) -> None:
    a = tim[0]
    path = tmp_path / "self.ppidsync"
    a.s.ekspor(a.actor, path, semua=True)
    with pytest.raises(UserError, match="laptop ini sendiri"):
        a.s.impor(a.actor, path)


def test_hlc_never_goes_back_with_a_wrong_wall_clock(tim: list[Replika], monkeypatch: pytest.MonkeyPatch) -> None:
    a = tim[0]
    with a.svc.store.engine.begin() as conn:
        first = ID.tick(conn)
        monkeypatch.setattr(ID.time, "time", lambda: 0.0)  # the laptop clock says 1970
        second = ID.tick(conn)
        third = ID.tick(conn, received=ID.format_hlc(ID.parse_hlc(first)[0] + 10_000, 3))
    assert first < second < third
    assert ID.parse_hlc(third) == (ID.parse_hlc(first)[0] + 10_000, 4)


# ---------------------------------------------------------------- package options
def test_passphrase_encryption_round_trip(tim: list[Replika], dasar: Dasar, tmp_path: Path) -> None:
    a, b, _ = tim
    a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"nama": "Rahasia"}), dasar.opd_ids[0])
    path = tmp_path / "enc.ppidsync"
    a.s.ekspor(a.actor, path, semua=True, sandi="kata sandi tim")
    assert b"manifest" not in path.read_bytes()
    with pytest.raises(UserError, match="terenkripsi"):
        b.s.impor(b.actor, path)
    with pytest.raises(UserError, match="Sandi paket salah"):
        b.s.impor(b.actor, path, sandi="salah")
    b.s.impor(b.actor, path, sandi="kata sandi tim")
    assert _opd(b, dasar.opd_ids[0]).nama == "Rahasia"


def test_personal_data_travels_only_when_asked(tim: list[Replika], tmp_path: Path) -> None:
    a, b, _ = tim
    p = a.svc.layanan.catat_permohonan(a.actor, PermohonanMasukan.dari_dict({
        "tanggal_diterima": date(2026, 3, 2), "nama": "Siti Aminah", "nik": "3373014506900002",
        "alamat": "Jl. Merdeka 1", "rincian": "Data anggaran", "tujuan": "Penelitian", "email": "siti@example.com"}))
    plain = tmp_path / "tanpa.ppidsync"
    a.s.ekspor(a.actor, plain, semua=True)
    import zipfile

    with zipfile.ZipFile(plain) as zf:
        body = zf.read("data/permohonan.jsonl").decode()
    assert "nik_enc" not in body and "Siti Aminah" in body
    b.s.impor(b.actor, plain)
    with b.svc.store.engine.connect() as conn:
        assert conn.execute(text("SELECT nik_enc FROM permohonan WHERE id = :i"), {"i": p.id}).scalar() is None
    full = tmp_path / "dengan.ppidsync"
    a.s.ekspor(a.actor, full, semua=True, data_pribadi=True)
    with zipfile.ZipFile(full) as zf:
        assert "nik_enc" in zf.read("data/permohonan.jsonl").decode()


def test_network_filesystem_is_refused(tmp_path: Path) -> None:
    mounts = "/dev/sda1 / ext4 rw 0 0\nserver:/share /mnt/kantor nfs4 rw 0 0\n//nas/ppid /media/nas cifs rw 0 0\n"
    assert fs_type(Path("/mnt/kantor/data"), mounts) == "nfs4"
    assert fs_type(Path("/home/x"), mounts) == "ext4"
    for folder in ("/mnt/kantor/data/ppid.sqlite", "/media/nas/ppid.sqlite"):
        with pytest.raises(StorageError, match="folder jaringan"):
            cek_bukan_jaringan(folder, mounts)
    cek_bukan_jaringan("/home/x/ppid.sqlite", mounts)
    cek_bukan_jaringan(tmp_path / "ppid.sqlite")  # the real /proc/mounts: a local disk


def test_conflict_count_for_beranda_and_history(tim: list[Replika], dasar: Dasar, pos: Pos) -> None:
    a, b, _ = tim
    a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"singkatan": "AA"}), dasar.opd_ids[1])
    b.svc.master.simpan_opd(b.actor, IsianOpd.dari({"singkatan": "BB"}), dasar.opd_ids[1])
    pos.kirim(a, b)
    assert b.s.jumlah_konflik() == 1
    hist = b.s.riwayat()
    assert hist[0]["arah"] == "masuk" and hist[0]["replika"] == a.s.replika
    assert hist[0]["jumlah"]["perangkat_daerah"]["konflik"] == 1
    assert a.s.riwayat()[0]["arah"] == "keluar"
    peers = b.s.perangkat()["rekan"]
    assert [p["replika"] for p in peers] == [a.s.replika]


def test_every_synced_table_is_declared_by_its_room_with_a_rule() -> None:
    from sqlmodel import SQLModel

    from ppid_desktop.rooms import ROOMS
    from ppid_desktop.sinkron.spesifikasi import ATURAN, semua_tabel

    declared = [t.table for room in ROOMS for t in room.travel]
    assert len(declared) == len(set(declared))
    assert set(declared) == set(semua_tabel()) == set(ATURAN)
    sync_tables = {t.name for t in SQLModel.metadata.sorted_tables if "rev" in t.c and "deleted" in t.c}
    assert sync_tables == set(declared), sorted(sync_tables.symmetric_difference(declared))
