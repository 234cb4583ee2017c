"""Create db/fixtures/v<REV>.sqlite: a real database at schema revision REV with some data.

Run once per released schema (the file is committed): ``python scripts/make_fixture.py 0001``.
"""

from __future__ import annotations

import sqlite3
import sys
import uuid
from pathlib import Path

from alembic import command

from ppid_desktop.core.db import alembic_config

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    rev = sys.argv[1] if len(sys.argv) > 1 else "0001"
    target = ROOT / "db" / "fixtures" / f"v{rev}.sqlite"
    target.unlink(missing_ok=True)
    command.upgrade(alembic_config(f"sqlite:///{target}"), rev)
    con = sqlite3.connect(target)
    now = "2026-01-05 08:00:00.000000"
    base = ("id, created_at, updated_at, created_by, updated_by, device_id, rev, deleted")

    def vals(*rest: object) -> tuple[object, ...]:
        return (str(uuid.uuid4()), now, now, "admin", "admin", "laptop-lama", 1, 0, *rest)

    con.execute(f"INSERT INTO profil_instansi ({base}, pemerintah, perangkat_daerah, sub_unit, alamat, kota, kode_pos, "
                "telepon, email, website, logo_hash, kertas, font, ukuran_font, margin_atas, margin_bawah, margin_kiri, "
                "margin_kanan, spasi, cuti_bersama_hari_kerja, sabtu_hari_kerja, dpo_nama, dpo_kontak, kode_unit) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                vals("PEMERINTAH KOTA SALATIGA", "DINAS KOMUNIKASI DAN INFORMATIKA", "", "Jl. Letjen Sukowati 51",
                     "Salatiga", "50724", "(0298) 326767", "ppid@salatiga.go.id", "ppid.salatiga.go.id", None, "F4",
                     "Arial", 12.0, 25.0, 25.0, 30.0, 20.0, 1.15, 0, 0, "", "", "DISKOMINFO"))
    opd_id = str(uuid.uuid4())
    con.execute(f"INSERT INTO perangkat_daerah ({base}, kode, nama, singkatan, alamat, kepala, kepala_nip, "
                "ppid_pelaksana, ppid_telepon, ppid_email, aktif) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (opd_id, now, now, "admin", "admin", "laptop-lama", 1, 0, "DINKES", "Dinas Kesehatan", "Dinkes",
                 "Salatiga", "dr. Siti Rahayu", "197001012000032001", "Budi Santoso", "081234567890",
                 "ppid.dinkes@salatiga.go.id", 1))
    con.execute(f"INSERT INTO pegawai ({base}, nama, nip, pangkat, golongan, jabatan, opd_id, telepon, email, boleh_ttd, "
                "aktif) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                vals("Drs. Budi Prasetiyono, M.Si.", "196707151993091001", "Pembina Utama Muda", "IV/c",
                     "Kepala Dinas Komunikasi dan Informatika", opd_id, "", "", "surat_tugas,berita_acara", 1))
    con.execute(f"INSERT INTO hari_libur ({base}, tanggal, jenis, nama, sumber) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                vals("2026-07-01", "libur_lokal", "Hari Jadi Kota Salatiga", "manual"))
    con.execute("INSERT INTO audit_log (at, username, device_id, action, entity, entity_id, summary) "
                "VALUES (?,?,?,?,?,?,?)", (now, "admin", "laptop-lama", "create", "pegawai", None, "fixture"))
    con.commit()
    con.execute("VACUUM")
    con.close()
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
