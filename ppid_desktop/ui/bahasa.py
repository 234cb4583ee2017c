"""Indonesian everywhere Qt speaks for us: standard buttons, message boxes, context menus, file dialogs.

PySide6-Essentials ships no ``qtbase_id.qm`` (Qt has no Indonesian catalogue), so the texts Qt itself shows
are translated here, in one place, by a small ``QTranslator`` installed once on the application
(``pasang(app)``). Every ``QDialogButtonBox``/``QMessageBox`` standard button then reads Simpan, Batal,
Tutup, OK, Ya, Tidak… without any call site renaming it. When Qt one day ships ``qtbase_id``, it is
loaded first and this table only fills the gaps.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# Qt's own source texts (any context) -> Indonesian. Keys keep Qt's mnemonic ampersands.
TEKS_QT: dict[str, str] = {
    # QPlatformTheme standard buttons
    "OK": "OK", "&OK": "&OK", "Save": "Simpan", "&Save": "&Simpan", "Save All": "Simpan semua",
    "Open": "Buka", "&Open": "&Buka", "Cancel": "Batal", "&Cancel": "&Batal", "Close": "Tutup",
    "&Close": "&Tutup", "Discard": "Buang", "Don't Save": "Jangan simpan", "Close without Saving": "Tutup tanpa menyimpan",
    "Apply": "Terapkan", "Reset": "Atur ulang", "Help": "Bantuan", "Restore Defaults": "Kembalikan bawaan",
    "Yes": "Ya", "&Yes": "&Ya", "Yes to &All": "Ya untuk &semua", "Yes to All": "Ya untuk semua",
    "No": "Tidak", "&No": "&Tidak", "N&o to All": "Tidak untuk s&emua", "No to All": "Tidak untuk semua",
    "Abort": "Batalkan", "Retry": "Coba lagi", "Ignore": "Abaikan",
    # QMessageBox
    "Show Details...": "Tampilkan rincian…", "Hide Details...": "Sembunyikan rincian…",
    "About Qt": "Tentang Qt",
    # Line/text edit context menus
    "&Undo": "&Urungkan", "&Redo": "&Ulangi", "Cu&t": "Poton&g", "&Copy": "&Salin", "&Paste": "&Tempel",
    "Delete": "Hapus", "Select All": "Pilih semua", "Copy &Link Location": "Salin &alamat tautan",
    # QFileDialog
    "Look in:": "Cari di:", "File &name:": "&Nama berkas:", "Files of type:": "Jenis berkas:",
    "&Choose": "&Pilih", "Directory:": "Folder:",
    "Back": "Kembali", "Forward": "Maju", "Parent Directory": "Folder induk", "Create New Folder": "Buat folder baru",
    "List View": "Tampilan daftar", "Detail View": "Tampilan rinci", "Name": "Nama", "Size": "Ukuran",
    "Type": "Jenis", "Date Modified": "Tanggal diubah", "New Folder": "Folder baru", "All Files (*)": "Semua berkas (*)",
    "Recent Places": "Tempat terakhir", "My Computer": "Komputer", "Computer": "Komputer",
    "&Rename": "&Ganti nama", "&Delete": "&Hapus", "Show &hidden files": "Tampilkan berkas &tersembunyi",
    "&New Folder": "&Folder baru", "Are you sure you want to delete '%1'?": "Yakin menghapus '%1'?",
    # QProgressDialog / print dialogs
    "Print": "Cetak", "&Print": "&Cetak", "Print Preview": "Pratinjau cetak", "Printer": "Printer",
    "&Options >>": "&Pilihan >>", "&Options <<": "&Pilihan <<", "Print to File (PDF)": "Cetak ke berkas (PDF)",
    "Page Setup": "Pengaturan halaman", "Copies:": "Rangkap:", "Pages": "Halaman", "Properties": "Properti",
    # Calendar popup
    "Previous Month": "Bulan sebelumnya", "Next Month": "Bulan berikutnya",
}


class TerjemahanQt(QTranslator):
    """Answers Qt's own ``tr()`` look-ups from ``TEKS_QT``; unknown texts stay as they are."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # noqa: ARG002
        return TEKS_QT.get(source)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def pasang(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's own Indonesian catalogue when present, then our table. Returns the translators (keep them)."""
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    out: list[QTranslator] = []
    resmi = QTranslator(app)
    if resmi.load("qtbase_id", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(resmi)
        out.append(resmi)
    ours = TerjemahanQt(app)
    app.installTranslator(ours)
    out.append(ours)
    app.setProperty("ppid_terjemahan", True)
    return out


def terpasang() -> bool:
    app = QCoreApplication.instance()
    return bool(app is not None and app.property("ppid_terjemahan"))
