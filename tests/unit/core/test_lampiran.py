"""Attachments encrypted at rest (``core.lampiran``), on real files and real processes:

- the store: streamed AES-GCM round trips at the chunk boundaries, plaintext SHA-256 names, dedup, 0600;
- a flipped byte, a truncated file, a swapped file, a missing key, a bad name: Indonesian ``UserError``;
- clear files of an earlier release are read, then converted in place; a SIGKILL in the middle of the
  conversion leaves every file readable and the next run finishes it;
- decrypted copies for viewers live in a private folder that is gone after exit, and after a kill the
  next open of the database removes it.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppid_desktop.core import aliran, crypto, lampiran
from ppid_desktop.core.errors import UserError

ROOT = Path(__file__).resolve().parents[3]
CHUNK = aliran.CHUNK


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """A plaintext database's place (the folder keyring in a private data folder)."""
    monkeypatch.setenv("PPID_DATA_DIR", str(tmp_path / "data"))
    crypto._cache.clear()
    crypto._ring_cache.clear()
    db = tmp_path / "kantor" / "ppid.sqlite"
    db.parent.mkdir(parents=True)
    return SimpleNamespace(path=db)


def _clear(store: SimpleNamespace, data: bytes) -> str:
    """A file as an earlier release stored it: clear, named by its SHA-256."""
    digest = hashlib.sha256(data).hexdigest()
    path = lampiran.berkas(store, digest)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return digest


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7])
def test_round_trip_at_chunk_boundaries(store: SimpleNamespace, tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    src = tmp_path / "bukti.bin"
    src.write_bytes(data)
    digest = lampiran.simpan(store, src)
    assert digest == hashlib.sha256(data).hexdigest()  # content addressing by the plaintext
    path = lampiran.berkas(store, digest)
    raw = path.read_bytes()
    assert raw.startswith(lampiran.MAGIC) and (path.stat().st_mode & 0o777) == 0o600
    assert size < 64 or data[size // 2:size // 2 + 32] not in raw
    assert lampiran.baca(store, digest) == data
    out = io.BytesIO()
    assert lampiran.salin(store, digest, out) == size and out.getvalue() == data
    inode = path.stat().st_ino
    assert lampiran.simpan(store, data) == digest and lampiran.simpan(store, io.BytesIO(data)) == digest
    assert path.stat().st_ino == inode  # stored once: the file that is there stays
    assert not list(path.parent.glob("*.sebagian")) and not list(lampiran.folder(store).glob("*.sebagian"))


@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=4096))
def test_any_content_comes_back_and_is_never_in_clear(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("h")
    before = os.environ.get("PPID_DATA_DIR")
    os.environ["PPID_DATA_DIR"] = str(folder / "data")
    try:
        crypto._cache.clear()
        s = SimpleNamespace(path=folder / "ppid.sqlite")
        digest = lampiran.simpan(s, data)
        assert lampiran.baca(s, digest) == data
        if len(data) >= 16:
            assert data not in lampiran.berkas(s, digest).read_bytes()
    finally:
        if before is None:
            os.environ.pop("PPID_DATA_DIR", None)
        else:
            os.environ["PPID_DATA_DIR"] = before
        crypto._cache.clear()


def test_two_stores_of_one_content_use_fresh_keys(store: SimpleNamespace) -> None:
    """Each file has its own salt (a fresh AES key): the same content twice gives different ciphertext."""
    data = b"Laporan kunjungan " * 1000
    d = lampiran.simpan(store, data)
    first = lampiran.berkas(store, d).read_bytes()
    lampiran.berkas(store, d).unlink()
    assert lampiran.simpan(store, data) == d
    assert lampiran.berkas(store, d).read_bytes() != first and lampiran.baca(store, d) == data


def test_tampering_and_missing_pieces_give_indonesian_messages(store: SimpleNamespace, tmp_path: Path) -> None:
    data = os.urandom(CHUNK + 500)
    digest = lampiran.simpan(store, data)
    path = lampiran.berkas(store, digest)
    good = path.read_bytes()
    for bad in (good[:200] + bytes([good[200] ^ 1]) + good[201:],  # a flipped byte in the first chunk
                good[:-1] + bytes([good[-1] ^ 0x80]),  # in the last
                good[:len(good) - 300],  # truncated
                good + b"x",  # trailing bytes
                good[:len(lampiran.MAGIC)] + b"\xff\xff\xff\xff"):  # a broken header
        path.write_bytes(bad)
        with pytest.raises(UserError, match="rusak atau telah diubah"):
            lampiran.baca(store, digest)
    other = lampiran.simpan(store, b"isi lain")
    path.write_bytes(lampiran.berkas(store, other).read_bytes())  # a valid file under another name
    with pytest.raises(UserError, match="tidak cocok dengan sidik SHA-256"):
        lampiran.baca(store, digest)
    path.write_bytes(good)
    assert lampiran.baca(store, digest) == data
    # a clear legacy file whose content changed
    legacy = _clear(store, b"%PDF-1.4 lama")
    lampiran.berkas(store, legacy).write_bytes(b"%PDF-1.4 diubah")
    with pytest.raises(UserError, match="rusak atau telah diubah"):
        lampiran.baca(store, legacy)
    path.unlink()
    with pytest.raises(UserError, match="tidak ada di folder lampiran"):
        lampiran.baca(store, digest)
    with pytest.raises(UserError, match="tidak sah"):
        lampiran.baca(store, "../../etc/passwd")
    with pytest.raises(UserError, match="tidak dapat dibaca"):
        lampiran.simpan(store, tmp_path / "tidak-ada.jpg")
    # a key this laptop does not have: said so, with what to do
    d2 = lampiran.simpan(store, b"dari laptop lain")
    (Path(os.environ["PPID_DATA_DIR"]) / crypto.KEY_FILENAME).write_bytes(crypto_key())
    crypto._cache.clear()
    with pytest.raises(UserError, match="kunci yang tidak ada di perangkat ini"):
        lampiran.baca(store, d2)


def crypto_key() -> bytes:
    from cryptography.fernet import Fernet

    return Fernet.generate_key()


def test_a_file_the_stream_hash_does_not_match_is_not_stored(store: SimpleNamespace) -> None:
    with pytest.raises(UserError, match="tidak cocok dengan sidik"):
        lampiran.simpan(store, io.BytesIO(b"isi paket"), digest="0" * 64)
    assert not lampiran.ada(store, "0" * 64)
    assert not [p for p in lampiran.folder(store).rglob("*") if p.is_file()]


def test_legacy_clear_files_are_read_then_converted_in_place(store: SimpleNamespace) -> None:
    files = {_clear(store, f"%PDF-1.4 surat {i} Sulastri Wijayakusuma".encode()): i for i in range(5)}
    rusak = _clear(store, b"isi asli")
    lampiran.berkas(store, rusak).write_bytes(b"isi yang diubah")  # no longer matches its name
    new = lampiran.simpan(store, b"sudah baru")
    for d, i in files.items():
        assert lampiran.baca(store, d) == f"%PDF-1.4 surat {i} Sulastri Wijayakusuma".encode()  # both forms read
    assert lampiran.perlu_konversi(store)
    pesan: list[str] = []
    hasil = lampiran.konversi(store, catat=pesan.append)
    assert hasil == {"dienkripsi": 5, "dikunci_ulang": 0, "sudah": 1, "rusak": 1}
    assert pesan and "tidak cocok dengan sidiknya" in pesan[0]
    assert lampiran.berkas(store, rusak).read_bytes() == b"isi yang diubah"  # left as it was, never lost
    for d, i in files.items():
        raw = lampiran.berkas(store, d).read_bytes()
        assert raw.startswith(lampiran.MAGIC) and b"Sulastri" not in raw
        assert lampiran.baca(store, d) == f"%PDF-1.4 surat {i} Sulastri Wijayakusuma".encode()
    assert lampiran.baca(store, new) == b"sudah baru"
    assert lampiran.perlu_konversi(store)  # one file is still damaged: not marked done
    lampiran.berkas(store, rusak).unlink()
    assert lampiran.konversi(store) == {"dienkripsi": 0, "dikunci_ulang": 0, "sudah": 6, "rusak": 0}
    assert not lampiran.perlu_konversi(store)


KONVERSI = """
import sys
from pathlib import Path
from types import SimpleNamespace
from ppid_desktop.core import lampiran
from ppid_desktop.core.progress import Progress

def lapor(done, total, _msg):
    print(done, flush=True)

lampiran.konversi(SimpleNamespace(path=Path(sys.argv[1])), Progress(lapor))
print("selesai", flush=True)
"""


def test_sigkill_mid_conversion_leaves_every_file_readable(store: SimpleNamespace) -> None:
    contents = [os.urandom(1) * 7 + os.urandom(150_000) for _ in range(80)]
    digests = [_clear(store, c) for c in contents]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", KONVERSI, str(store.path)], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:  # killed in the middle: some files converted, the rest not yet
        if line.strip() == "30":
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    forms = [lampiran.terenkripsi(lampiran.berkas(store, d)) for d in digests]
    assert any(forms) and not all(forms)
    for d, c in zip(digests, contents, strict=True):  # each file is one whole form or the other
        assert lampiran.baca(store, d) == c
    hasil = lampiran.konversi(store)  # the next run finishes and removes the dead writer's leftovers
    assert hasil["rusak"] == 0 and hasil["dienkripsi"] + hasil["sudah"] == len(digests)
    assert all(lampiran.terenkripsi(lampiran.berkas(store, d)) for d in digests)
    assert not [p for p in lampiran.folder(store).rglob("*.sebagian")]


SEMENTARA = """
import sys
from pathlib import Path
from ppid_desktop.services import Services
svc = Services.open(Path(sys.argv[1]))
from ppid_desktop.core import lampiran
d = lampiran.simpan(svc.store, b"%PDF-1.4 Sulastri Wijayakusuma")
p = lampiran.berkas_sementara(svc.store, d, "surat pemberitahuan.pdf")
q = lampiran.tulis_sementara(svc.store, b"pindaian KTP", "KTP.jpg")
print(p, flush=True)
print(q, flush=True)
if sys.argv[2] == "tunggu":
    sys.stdin.readline()
svc.close()
"""


def test_decrypted_copies_are_private_and_removed(tmp_path: Path) -> None:
    db = tmp_path / "kantor" / "ppid.sqlite"
    db.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PPID_DATA_DIR": str(tmp_path / "data")}
    p = subprocess.run([sys.executable, "-c", SEMENTARA, str(db), "keluar"], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    salinan, ktp = (Path(x) for x in p.stdout.splitlines()[-2:])
    assert salinan.name == "surat pemberitahuan.pdf" and ktp.name == "KTP.jpg"
    assert not salinan.exists() and not ktp.exists() and not salinan.parent.parent.exists()  # gone at exit
    # killed: the copies stay until the next open of the database removes them (the pid is gone)
    proc = subprocess.Popen([sys.executable, "-c", SEMENTARA, str(db), "tunggu"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    salinan = Path(proc.stdout.readline().strip())
    assert salinan.read_bytes() == b"%PDF-1.4 Sulastri Wijayakusuma"
    assert (salinan.stat().st_mode & 0o777) == 0o600 and (salinan.parent.parent.stat().st_mode & 0o777) == 0o700
    proc.kill()
    proc.wait(timeout=60)
    assert salinan.exists()
    p = subprocess.run([sys.executable, "-c", "import sys; from ppid_desktop.services import Services; "
                        "Services.open(sys.argv[1]).close()", str(db)], env=env, cwd=ROOT, timeout=300)
    assert p.returncode == 0
    assert not salinan.parent.parent.exists()
    assert not [x for x in db.parent.iterdir() if x.name.startswith(".ppid-sementara-")]


def test_leftovers_of_a_dead_writer_are_removed_a_live_ones_kept(store: SimpleNamespace) -> None:
    base = lampiran.folder(store)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    mati, hidup = base / f".baru.{pid}.1.sebagian", base / f".baru.{os.getpid()}.1.sebagian"
    sub = base / "ab"
    sub.mkdir()
    mati_sub = sub / f".{'ab' * 32}.{pid}.7.sebagian"
    for f in (mati, hidup, mati_sub):
        f.write_bytes(b"setengah")
    assert lampiran.bersihkan_sisa(store, semua=False) == [mati]
    assert hidup.exists() and mati_sub.exists()
    assert lampiran.bersihkan_sisa(store) == [mati_sub] and hidup.exists()


def test_a_viewer_copy_changed_on_disk_is_written_afresh(store: SimpleNamespace) -> None:
    digest = lampiran.simpan(store, b"%PDF-1.4 asli")
    copy = lampiran.berkas_sementara(store, digest, "surat.pdf")
    copy.write_bytes(b"%PDF-1.4 diubah di penampil")
    assert lampiran.berkas_sementara(store, digest, "surat.pdf").read_bytes() == b"%PDF-1.4 asli"
    logo = lampiran.berkas_sementara(store, digest, akhiran=".img", pakai_ulang=True)
    assert lampiran.berkas_sementara(store, digest, akhiran=".img", pakai_ulang=True) == logo
    lampiran.bersihkan_sementara()
    assert not copy.exists() and not logo.exists()
