"""a smaller request row: the deadline explanation stored relative to the row (form 2 of
``layanan.rincian``)

Revision ID: 0020
Revises: 0018

Measured with ``dbstat`` on a demo database of 100,000 requests: ``permohonan.tenggat_rincian`` was
17 MB of the 116 MB request table — every explanation repeated the row's own receipt date, deadline,
extended deadline, calendar version and the fixed 10/7 working days. Form 2 keeps only the skipped
weekdays with their reason and the working weekends (``{"k":2}`` for most requests); the service
reads it back with the row (``rincian.unpack_row``). Every stored explanation that matches its row is
rewritten here, in batches, in the migration's one transaction; one that does not match (or cannot
be read) is left as it is — both forms stay readable. No schema change: no sync transform beyond
``identitas`` (the column is derived and recomputed after a merge anyway).

The pages freed inside the table are reused by later writes; the file itself shrinks at the next
``VACUUM`` (a backup, ``VACUUM INTO``, is already compact).
"""
from alembic import op

revision = "0020"
down_revision = "0018"
branch_labels = None
depends_on = None

BATCH = 5000


def _rewrite(to_new: bool) -> None:
    from ppid_desktop.layanan import rincian

    conn = op.get_bind().connection.driver_connection  # the raw sqlite3 connection, same transaction
    last = 0
    while True:
        rows = conn.execute(
            "SELECT rowid, tenggat_rincian, tanggal_diterima, tenggat, tenggat_perpanjangan, versi_kalender "
            "FROM permohonan WHERE rowid > ? AND tenggat_rincian LIKE '{%' ORDER BY rowid LIMIT ?",
            (last, BATCH)).fetchall()
        if not rows:
            return
        last = rows[-1][0]
        changed = []
        for rowid, text, diterima, tenggat, tp, versi in rows:
            if not (diterima and tenggat):
                continue
            row = {"tanggal_diterima": diterima, "tenggat": tenggat, "tenggat_perpanjangan": tp,
                   "versi_kalender": versi or ""}
            if to_new:
                new = rincian.to_form2(text, row)
            else:
                full = rincian.unpack_row(text, row)
                new = rincian.pack(full) if full and text.startswith('{"k":2') else text
            if new != text:
                changed.append((new, rowid))
        if changed:
            conn.executemany("UPDATE permohonan SET tenggat_rincian = ? WHERE rowid = ?", changed)


def upgrade() -> None:
    _rewrite(True)


def downgrade() -> None:
    _rewrite(False)
