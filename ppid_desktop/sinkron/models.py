"""Sync metadata tables, beside the domain tables (no column is added to a domain table).

- ``sinkron_info``: key/value of this replica (replica id, file marker, HLC, write counter, local
  sequence, team key). Never travels.
- ``sinkron_meta``: per travelling record its version vector (``vv``: counter per replica), per
  field group the dot of its last write (replica, counter, HLC, author, value hash) and the local
  sequence number of its last change (what a delta for a peer selects on).
- ``sinkron_rekan``: the peers this replica has heard of and what each acknowledged.
- ``sinkron_riwayat``: every package in and out. ``sinkron_peta``: foreign ids mapped to local ids of
  the same natural thing. ``sinkron_audit``: audit rows that arrived with packages.
- ``sinkron_konflik`` and ``sinkron_serah`` are travelling records themselves: a conflict travels
  until a person resolves it; a hand-over says which replica holds a monev session.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from ppid_desktop.core.base import SyncRecord, utcnow


class SinkronInfo(SQLModel, table=True):
    __tablename__ = "sinkron_info"

    kunci: str = Field(primary_key=True, max_length=64)
    nilai: str = ""


class SinkronMeta(SQLModel, table=True):
    __tablename__ = "sinkron_meta"
    __table_args__ = (Index("ix_sinkron_meta_seq", "seq"),)

    tabel: str = Field(primary_key=True, max_length=64)
    rec_id: str = Field(primary_key=True, max_length=36)
    seq: int = 0  # local sequence of the last change (capture or merge)
    rev: int = 0  # the row's ``rev`` when last captured: a different value means an uncaptured write
    vv: str = "{}"  # {replica: counter}
    grup: str = "{}"  # {group: [replica, counter, hlc, author, hash]}


class SinkronRekan(SQLModel, table=True):
    __tablename__ = "sinkron_rekan"

    replika: str = Field(primary_key=True, max_length=36)
    perangkat: str = Field(default="", max_length=200)
    pengguna: str = Field(default="", max_length=200)
    ack: int = 0  # the highest of OUR sequence numbers this peer said it received (in a package it sent)
    diterima: int = 0  # the highest of THEIR sequence numbers we received in a complete package
    terakhir_at: datetime | None = None


class SinkronRiwayat(SQLModel, table=True):
    __tablename__ = "sinkron_riwayat"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    arah: str = Field(max_length=8)  # keluar | masuk
    paket_id: str = Field(default="", max_length=36, index=True)
    jenis: str = Field(default="", max_length=16)
    replika: str = Field(default="", max_length=36)  # the other side (or the target peer)
    pengguna: str = Field(default="", max_length=200)
    berkas: str = ""
    jumlah: str = "{}"  # JSON counts
    hasil: str = Field(default="", max_length=32)  # dibuat | diterapkan | ditolak | sudah-diterapkan
    pesan: str = ""


class SinkronPeta(SQLModel, table=True):
    __tablename__ = "sinkron_peta"

    tabel: str = Field(primary_key=True, max_length=64)
    id_asing: str = Field(primary_key=True, max_length=36)
    id_lokal: str = Field(max_length=36)


class SinkronAudit(SQLModel, table=True):
    __tablename__ = "sinkron_audit"

    replika: str = Field(primary_key=True, max_length=36)
    asal_id: int = Field(primary_key=True)
    at: datetime
    username: str = Field(default="", max_length=64)
    device_id: str = Field(default="", max_length=64)
    action: str = Field(default="", max_length=32)
    entity: str = Field(default="", max_length=64, index=True)
    entity_id: str | None = Field(default=None, max_length=64, index=True)
    summary: str = ""
    changes: str | None = None


class Konflik(SyncRecord, table=True):
    """A concurrent write that lost provisionally. Its id is derived from both writes, so every laptop
    that sees the same pair makes the same row; ``selesai`` is set by a resolution and travels."""

    __tablename__ = "sinkron_konflik"

    tabel: str = Field(max_length=64, index=True)
    rec_id: str = Field(max_length=36, index=True)
    grup: str = Field(max_length=64)
    jenis: str = Field(default="nilai", max_length=16)  # nilai | hapus | terkunci | nomor_ganda
    label: str = ""
    nilai_kalah: str = "{}"  # JSON of the group's fields as the losing write left them
    kalah: str = "[]"  # dot [replica, counter, hlc, author]
    nilai_menang: str = "{}"
    menang: str = "[]"
    selesai: bool = False
    selesai_oleh: str = Field(default="", max_length=200)


class Serah(SyncRecord, table=True):
    """Who holds a monev session (``id`` is the session id): the replica it was handed over to."""

    __tablename__ = "sinkron_serah"

    pemegang: str = Field(default="", max_length=36)
    dari: str = Field(default="", max_length=36)
    perangkat: str = Field(default="", max_length=200)
