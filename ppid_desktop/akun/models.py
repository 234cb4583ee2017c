from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from ppid_desktop.core.base import new_uuid, utcnow


class Pengguna(SQLModel, table=True):
    """A local account on this laptop (not synchronised: password hashes stay on the device)."""

    __tablename__ = "pengguna"

    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    username: str = Field(index=True, unique=True, max_length=64)
    nama: str = Field(max_length=200)
    password_hash: str = Field(max_length=256)
    roles: str = Field(default="", max_length=256)  # comma-separated role names
    aktif: bool = True
    pegawai_id: str | None = Field(default=None, max_length=36)
    created_at: datetime = Field(default_factory=utcnow)
    last_login: datetime | None = None
    gagal_masuk: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # wrong passwords in a row
    terkunci_sampai: datetime | None = None  # sign-in refused until then (after too many wrong passwords)

    def role_set(self) -> frozenset[str]:
        return frozenset(r.strip() for r in self.roles.split(",") if r.strip())


class PengaturanAkun(SQLModel, table=True):
    """This database's security settings (migration 0013), key/value; local like ``pengguna``. Read and
    written only through ``AkunService`` (``kunci_menit``, ``batas_baris_impor``, ``atur_keamanan``)."""

    __tablename__ = "pengaturan_akun"

    kunci: str = Field(primary_key=True, max_length=64)
    nilai: str = Field(default="", max_length=200)
    diubah_oleh: str = Field(default="", max_length=64)
    diubah_at: datetime | None = None
