"""old SK Tim Monev drafts become keputusan; monev_hadir_rapat (who attended a programme's rapat).

Old SK drafts: before the keputusan kind, ``monev.naskah_agenda`` drafted
the SK Tim Monev as an agenda ``surat_keluar`` (``sumber = 'monev.naskah:sk-tim:<program_id>'``); it
would take a surat dinas number at signature. Those still unnumbered (konsep, paraf, dikembalikan,
siap_ttd, no nomor) move to the ``keputusan`` kind, so they sign in the keputusan series by an official
with keputusan authority; numbered (or cancelled) ones stay as they are. Each letter touched — moved or
left numbered — gets one line in its history (``riwayat_surat``, id derived from the letter so two
laptops upgrading the same letter write the same row), which the agenda shows and
``monev.naskah_agenda.sk_lama`` reports.

Revision ID: 0019
Revises: 0018
"""
import uuid

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

SUMBER = "monev.naskah:sk-tim:%"
BELUM_BERNOMOR = ("konsep", "paraf", "dikembalikan", "siap_ttd")
NS = uuid.UUID("6f1d0b1e-0019-4c1a-9a55-5b2e6b7a0019")
CATATAN_PINDAH = ("Jenis naskah dipindah dari Surat dinas ke Keputusan (pembaruan 0019): SK Tim Monev bernomor "
                  "dalam seri keputusan dan ditandatangani pejabat berwenang menetapkan keputusan.")
CATATAN_TETAP = ("SK Tim Monev ini dibuat sebagai Surat dinas sebelum ada jenis Keputusan dan sudah bernomor "
                 "{nomor}; nomor dan jenisnya tidak diubah (pembaruan 0019).")


def riwayat_id(surat_id: str) -> str:
    return str(uuid.uuid5(NS, surat_id))


def _hadir_rapat() -> None:
    """Attendance of a monev programme's rapat, one row per participant (``monev.rapat.HadirRapat``)."""
    S = sqlmodel.sql.sqltypes.AutoString  # noqa: N806
    op.create_table(
        "monev_hadir_rapat",
        sa.Column("id", S(length=36), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("created_by", S(length=64), nullable=True),
        sa.Column("updated_by", S(length=64), nullable=True),
        sa.Column("device_id", S(length=64), nullable=True),
        sa.Column("rev", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("program_id", S(length=36), nullable=False),
        sa.Column("rapat", S(length=32), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("nama", S(length=200), nullable=False),
        sa.Column("jabatan", S(length=200), nullable=False),
        sa.Column("instansi", S(length=200), nullable=False),
        sa.Column("opd_id", S(length=36), nullable=True),
        sa.Column("pegawai_id", S(length=36), nullable=True),
        sa.Column("hadir", sa.Boolean(), nullable=False),
        sa.Column("sumber", S(length=16), nullable=False),
        sa.Column("keterangan", S(length=300), nullable=False),
        sa.ForeignKeyConstraint(["opd_id"], ["perangkat_daerah.id"]),
        sa.ForeignKeyConstraint(["pegawai_id"], ["pegawai.id"]),
        sa.ForeignKeyConstraint(["program_id"], ["monev_program.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("monev_hadir_rapat", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_monev_hadir_rapat_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_monev_hadir_rapat_program_id"), ["program_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_monev_hadir_rapat_updated_at"), ["updated_at"], unique=False)


def upgrade() -> None:
    _hadir_rapat()
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, status, nomor, versi, updated_at FROM surat_keluar WHERE deleted = 0 AND jenis = 'surat_keluar' "
        "AND sumber LIKE :s"), {"s": SUMBER}).fetchall()
    for r in rows:
        pindah = r.status in BELUM_BERNOMOR and not (r.nomor or "").strip()
        if not pindah and r.status == "dibatalkan":
            continue
        if pindah:
            conn.execute(sa.text("UPDATE surat_keluar SET jenis = 'keputusan' WHERE id = :id"), {"id": r.id})
        rid = riwayat_id(r.id)
        if conn.execute(sa.text("SELECT 1 FROM riwayat_surat WHERE id = :id"), {"id": rid}).first():
            continue
        conn.execute(sa.text(
            "INSERT INTO riwayat_surat (id, created_at, updated_at, created_by, updated_by, device_id, rev, deleted, "
            "surat_id, waktu, aksi, oleh, catatan, versi) VALUES (:id, :t, :t, 'migrasi', 'migrasi', NULL, 0, 0, "
            ":sid, :t, :aksi, 'Pembaruan aplikasi', :catatan, :versi)"),
            {"id": rid, "t": r.updated_at, "sid": r.id, "aksi": "ubah" if pindah else "migrasi",
             "catatan": CATATAN_PINDAH if pindah else CATATAN_TETAP.format(nomor=r.nomor), "versi": r.versi or 1})


def downgrade() -> None:
    op.drop_table("monev_hadir_rapat")
    conn = op.get_bind()
    for r in conn.execute(sa.text("SELECT id, jenis, nomor FROM surat_keluar WHERE sumber LIKE :s"), {"s": SUMBER}).fetchall():
        rid = riwayat_id(r.id)
        moved = conn.execute(sa.text("SELECT 1 FROM riwayat_surat WHERE id = :id AND aksi = 'ubah'"), {"id": rid}).first()
        if moved and r.jenis == "keputusan" and not (r.nomor or "").strip():
            conn.execute(sa.text("UPDATE surat_keluar SET jenis = 'surat_keluar' WHERE id = :id"), {"id": r.id})
        conn.execute(sa.text("DELETE FROM riwayat_surat WHERE id = :id"), {"id": rid})
