"""Bad packages are refused with an Indonesian message and the database stays byte-for-byte as before."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ppid_desktop.core.errors import UserError
from ppid_desktop.master.masukan import IsianOpd, IsianPegawai
from ppid_desktop.sinkron import paket as P
from tests.unit.sinkron.tim import Dasar, Replika, salin


@pytest.fixture
def dua(dasar: Dasar, tmp_path: Path) -> Iterator[tuple[Replika, Replika]]:
    a, b = salin(dasar, tmp_path, "a"), salin(dasar, tmp_path, "b")
    se = a.svc.monev.mulai_sesi(a.actor, dasar.jadwal_ids[0])
    a.svc.monev.catat(a.actor, se.id, dasar.pertanyaan[0], "catatan lapangan")
    foto = tmp_path / "foto.jpg"
    foto.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 40)
    a.svc.monev.tambah_bukti(a.actor, se.id, dasar.pertanyaan[0], foto)
    yield a, b
    a.svc.close()
    b.svc.close()


@pytest.fixture
def asli(dua: tuple[Replika, Replika], tmp_path: Path) -> Path:
    a, b = dua
    path = tmp_path / "asli.ppidsync"
    a.s.ekspor(a.actor, path, untuk=b.s.replika)
    return path


def _snapshot(r: Replika) -> dict[str, str]:
    out = {}
    for suffix in ("", "-wal"):
        f = Path(str(r.svc.store.path) + suffix)
        out[suffix] = hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else ""
    return out


def _refused(b: Replika, path: Path, match: str, sandi: str | None = None) -> None:
    before = _snapshot(b)
    history = b.s.riwayat()
    with pytest.raises(UserError, match=match) as info:
        b.s.impor(b.actor, path, sandi=sandi)
    assert "Traceback" not in str(info.value)
    assert _snapshot(b) == before, "the database changed although the package was refused"
    assert b.s.riwayat() == history


def _rewrite(src: Path, dst: Path, change: Callable[[str, bytes], bytes],
             extra: dict[str, bytes] | None = None, key: bytes | None = None) -> None:
    """Copy a package member by member through ``change``; re-sign the manifest
    with ``key`` when given (so only the check under test can catch the change)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        members = {n: zin.read(n) for n in zin.namelist()}
        for name, data in list(members.items()) + list((extra or {}).items()):
            members[name] = change(name, data)
        manifest = members["manifest.json"]
        if key is not None:
            m = json.loads(manifest)
            for name in (extra or {}):
                m["anggota"][name] = {"ukuran": len(members[name]), "sha256": hashlib.sha256(members[name]).hexdigest()}
            manifest = json.dumps(m, sort_keys=True).encode()
            members["manifest.json"] = manifest
            members["manifest.sig"] = P.sign(key, manifest).encode()
        for name, data in members.items():
            zout.writestr(name, data)


def _key(r: Replika) -> bytes:
    return P.parse_kunci(r.svc.sinkron.teks_kunci(r.actor))


def test_the_good_package_imports(dua: tuple[Replika, Replika], asli: Path) -> None:
    _, b = dua
    assert b.s.impor(b.actor, asli)["total"]["baru"] > 0


def test_a_flipped_byte_in_every_member_is_refused(dua: tuple[Replika, Replika], asli: Path, tmp_path: Path) -> None:
    _, b = dua
    with zipfile.ZipFile(asli) as zf:
        names = zf.namelist()
    assert any(n.startswith("lampiran/") for n in names) and "audit.jsonl" in names
    for target in names:
        bad = tmp_path / f"flip-{target.replace('/', '_')}.ppidsync"

        def flip(name: str, data: bytes, target: str = target) -> bytes:
            if name != target or not data:
                return data
            i = len(data) // 2
            return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]

        _rewrite(asli, bad, flip)
        _refused(b, bad, "ditolak: (sidik SHA-256|tanda tangan|manifest)")


def test_truncated_file_is_refused(dua: tuple[Replika, Replika], asli: Path, tmp_path: Path) -> None:
    _, b = dua
    bad = tmp_path / "potong.ppidsync"
    data = asli.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 30):
        bad.write_bytes(data[:cut])
        _refused(b, bad, "bukan paket .ppidsync|terpotong")


def test_other_teams_key_is_refused(dua: tuple[Replika, Replika], asli: Path, tmp_path: Path) -> None:
    _, b = dua
    bad = tmp_path / "tim-lain.ppidsync"
    _rewrite(asli, bad, lambda n, d: d, key=P.parse_kunci(P.kunci_baru()))
    _refused(b, bad, "kunci tim lain")


def test_path_escaping_the_folder_is_refused(dua: tuple[Replika, Replika], asli: Path, tmp_path: Path) -> None:
    a, b = dua
    for evil in ("../../etc/cron.d/ppid", "/tmp/evil", "lampiran/../../x", "data/../../x.jsonl"):
        bad = tmp_path / "jalur.ppidsync"
        _rewrite(asli, bad, lambda n, d: d, extra={evil: b"owned"}, key=_key(a))
        _refused(b, bad, "jalur tidak sah")
    assert not (tmp_path / "x").exists()


def test_oversized_member_is_refused(dua: tuple[Replika, Replika], asli: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, b = dua
    monkeypatch.setattr(P, "MAX_MEMBER", 100)
    _refused(b, asli, "terlalu besar")


def test_member_larger_than_declared_is_refused(dua: tuple[Replika, Replika], asli: Path, tmp_path: Path) -> None:
    a, b = dua
    bad = tmp_path / "besar.ppidsync"
    _rewrite(asli, bad, lambda n, d: d + b"x" * 1000 if n == "audit.jsonl" else d, key=_key(a))
    _refused(b, bad, "ukuran anggota")


def test_newer_schema_is_refused(dua: tuple[Replika, Replika], asli: Path, tmp_path: Path) -> None:
    a, b = dua
    bad = tmp_path / "baru.ppidsync"

    def newer(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        m = json.loads(data)
        m["revisi_skema"] = "9999"
        return json.dumps(m).encode()

    _rewrite(asli, bad, newer, key=_key(a))
    _refused(b, bad, "versi PPID Desktop yang lebih baru")


def test_package_from_this_replica_is_refused(dua: tuple[Replika, Replika], tmp_path: Path) -> None:
    a, _ = dua
    path = tmp_path / "sendiri.ppidsync"
    a.s.ekspor(a.actor, path, semua=True)
    _refused(a, path, "laptop ini sendiri")


def test_not_a_zip_is_refused(dua: tuple[Replika, Replika], tmp_path: Path) -> None:
    _, b = dua
    for content in (b"", b"hello, bukan zip", bytes(range(256)) * 10):
        bad = tmp_path / "bukan.ppidsync"
        bad.write_bytes(content)
        _refused(b, bad, "bukan paket .ppidsync")
    _refused(b, tmp_path / "tidak-ada.ppidsync", "tidak ditemukan")


def test_encrypted_package_tampered_or_truncated_is_refused(dua: tuple[Replika, Replika], tmp_path: Path) -> None:
    a, b = dua
    path = tmp_path / "enc.ppidsync"
    a.s.ekspor(a.actor, path, untuk=b.s.replika, sandi="rahasia")
    data = path.read_bytes()
    bad = tmp_path / "enc-bad.ppidsync"
    bad.write_bytes(data[:-20])
    _refused(b, bad, "Sandi paket salah|terpotong", sandi="rahasia")
    i = len(data) // 2
    bad.write_bytes(data[:i] + bytes([data[i] ^ 1]) + data[i + 1:])
    _refused(b, bad, "Sandi paket salah|rusak", sandi="rahasia")


def test_streamed_encryption_keeps_chunks_small(tmp_path: Path) -> None:
    src = tmp_path / "big.bin"
    blob = bytes(range(256)) * (3 * P.CHUNK // 256 + 17)
    src.write_bytes(blob)
    enc, out = tmp_path / "big.enc", tmp_path / "big.out"
    with open(src, "rb") as s, open(enc, "wb") as d:
        P.encrypt_stream(s, d, "sandi")
    with open(enc, "rb") as s, open(out, "wb") as d:
        P.decrypt_stream(s, d, "sandi")
    assert out.read_bytes() == blob


def _drop_and_resign(src: Path, dst: Path, key: bytes, drop: str = "", replace: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(src) as zin:
        members = {n: zin.read(n) for n in zin.namelist() if n != drop}
    members.update(replace or {})
    m = json.loads(members["manifest.json"])
    m["anggota"] = {n: {"ukuran": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in members.items()
                    if n not in ("manifest.json", "manifest.sig")}
    m["tabel"].pop(drop[5:-6], None) if drop.startswith("data/") else None
    manifest = json.dumps(m, sort_keys=True).encode()
    members["manifest.json"], members["manifest.sig"] = manifest, P.sign(key, manifest).encode()
    with zipfile.ZipFile(dst, "w") as zout:
        for n, d in members.items():
            zout.writestr(n, d)


def test_signed_package_with_a_missing_parent_or_bad_line_is_refused_whole(
        dua: tuple[Replika, Replika], tmp_path: Path) -> None:
    a, b = dua
    opd = a.svc.master.simpan_opd(a.actor, IsianOpd.dari({"kode": "INDUK", "nama": "Dinas Induk"}))
    a.svc.master.simpan_pegawai(a.actor, IsianPegawai.dari({"nama": "Anak Induk", "jabatan": "Staf", "opd_id": opd.id}))
    good = tmp_path / "induk.ppidsync"
    a.s.ekspor(a.actor, good, untuk=b.s.replika)
    orphan = tmp_path / "yatim.ppidsync"
    _drop_and_resign(good, orphan, _key(a), drop="data/perangkat_daerah.jsonl")
    _refused(b, orphan, "induknya tidak ada")
    garbled = tmp_path / "rusak.ppidsync"
    _drop_and_resign(good, garbled, _key(a), replace={"data/pegawai.jsonl": b"{bukan json\n"})
    _refused(b, garbled, "isi data paket tidak sah")
    b.s.impor(b.actor, good)
    assert b.svc.master.ambil_opd(opd.id) is not None
