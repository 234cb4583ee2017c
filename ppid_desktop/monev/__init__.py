"""Monev room (Qt-free): versioned instruments, programmes, offline field sessions, scoring, follow-up.

Public API (for the UI, the CLI and other rooms — e.g. the Excel import/export of issue #5):

``monev.instrumen`` — instruments as plain dicts (shape in that module's docstring)
    ``validate(data) -> list[core.errors.Problem]`` (Indonesian messages; sheet = "Instrumen",
    "Pertanyaan", "Opsi", "Level", "Band" or "Tahap"), ``from_dict(data) -> Definisi`` (raises
    ``InstrumenTidakValid`` with ``.problems``), ``to_dict(defn) -> dict``,
    ``save(store, actor, data) -> Instrumen`` (new version when the latest is published; nothing saved
    on problems), ``load(store, instrumen_id) -> dict`` (adds ``id``/``versi``/``status``),
    ``templates()``/``load_template(name)`` (shipped ``resources/templates/instrumen/*.json``),
    ``normalise_answer(q, value)``, ``fraction(q, stored)``, ``describe(q, stored)``, ``band_for(defn, x)``.

``monev.skor``
    ``hitung(defn, {kode: Isian}, nilai_tahap) -> Hasil`` (indikator/aspek nodes with ``mandiri`` and
    ``verifikasi`` scores, ``final``, ``kategori``, ``warna``, ``tahap``), and
    ``program_scores(session, program_id) -> list[SkorOpd]`` (ranked; ``SkorOpd.to_dict()`` gives
    ``opd``, ``aspek`` = [{kode, nama, bobot, skor, skor_mandiri}], ``total``, ``kategori``, ``peringkat`` …).

``monev.tindak_lanjut``
    ``daftar_rekomendasi(session, program_id=None, opd_id=None)`` and
    ``daftar_tindak_lanjut(session, program_id=None, opd_id=None, status=None, terlambat_per=None, *, hari_ini)``.

``services.monev`` (``monev.service.MonevService``, the façade over ``monev.katalog``, ``monev.program``,
``monev.sesi`` and ``monev.rekomendasi``, which share ``monev.basis``)
    instruments: ``daftar_instrumen``, ``ambil_instrumen``, ``definisi``, ``simpan_instrumen``, ``terbitkan``,
    ``impor_templat``; programmes: ``buat_program``, ``tambah_opd``, ``ubah_program``,
    ``simpan_program`` (fields + schedule + OPD add/remove + team in ONE unit of work), ``hapus_opd``, ``daftar_program``,
    ``cari_program``, ``daftar_jadwal``, ``atur_jadwal``, ``atur_tim``, ``daftar_tim``, ``dasbor``,
    ``program_scores``; sessions: ``mulai_sesi``, ``sesi_jadwal``, ``daftar_sesi``, ``muat_sesi`` (-> ``SesiData``),
    ``jawab`` (ONE answer, its own transaction, synchronous=FULL), ``catat``, ``atur_nilai_tahap``,
    ``tambah_responden``, ``tambah_bukti`` (file/photo by content hash with EXIF time + GPS, or link),
    ``kelengkapan``, ``akhiri_kunjungan``, ``finalisasi`` (locks, numbers the berita acara), ``verifikasi``,
    ``jawab_verifikasi_final``, ``revisi`` (new revision, old kept as ``diganti``), ``riwayat``, ``hasil``;
    sanggah: ``ajukan_sanggah`` (with ``nilai_usulan``), ``jawab_sanggah`` (accepted on a final session ->
    new final revision), ``sanggah_sesi``, ``daftar_sanggah``; follow-up: ``tambah_rekomendasi``,
    ``tambah_tindak_lanjut`` (with catatan and bukti, ONE unit of work), ``ubah_tindak_lanjut`` (uraian, pic,
    tenggat, status, catatan, bukti), ``daftar_tindak_lanjut`` (rekomendasi + tindak lanjut rows, one read),
    ``lokasi_bukti_tl``.

``monev.alur`` (on ``services.monev``): SOP catalogue ``daftar_sop``, ``sop``, ``simpan_sop``; runs
    ``mulai_alur``, ``selesaikan_langkah``, ``putuskan`` (loop-back needs a note), ``disposisi``,
    ``siklus_baru``, ``alur_program``, ``alur_unit``, ``lihat_alur`` (-> ``AlurView``), ``kepatuhan``.
``services.monev.indeks_instansi(program_id)``: the SPBE instansi index (``skor.IndeksInstansi``).
``monev.lembar_kerja.ekspor_lembar_kerja(services, program_id, unit_kode, path)``; the import is the
    rekap kind ``jawaban``.
``monev.cetak``: ``JENIS_CETAK``, ``cetak(services, jenis, program_id, unit=None)``, ``sop_pdf``, ``tulis_pdf``.
``monev.naskah_agenda``: agenda drafts of SK Tim, undangan, laporan and BA Evaluasi Mandiri
    (``siapkan``, ``surat``, ``cetak_agenda``; composer registered for ``monev.naskah:*``).
``monev.surat``: programme letters as agenda drafts (``siapkan``, ``surat_program``, ``pdf`` with the agenda number).

``monev.dokumen``: ``surat_pemberitahuan_pdf``, ``surat_tugas_pdf``, ``berita_acara_pdf``, ``laporan_pdf``.
``monev.commands``: ``ppid monev program list | sesi list | skor PROGRAM | instrumen list | instrumen templat |
alur PROGRAM | lembar-kerja PROGRAM UNIT | cetak JENIS PROGRAM`` and ``ppid sop list | cetak KODE``.
``monev.demo.fill``: one programme per shipped template kind.
"""

from ppid_desktop.core.room import Cli, Command, Room, ServiceSpec, Travel, UiSection

ROOM = Room(
    name="monev",
    models=("ppid_desktop.monev.models", "ppid_desktop.monev.rapat"),
    services=(ServiceSpec("monev", "ppid_desktop.monev.service:MonevService", ("store", "master")),),
    cli=Cli("ppid_desktop.monev.commands", (
        Command("monev", "monitoring dan evaluasi: program, sesi lapangan, nilai, instrumen"),
        Command("sop", "standar operasional prosedur (SOP) yang dijalankan program monev"),
    )),
    demo="ppid_desktop.monev.demo:fill",
    rekap_kinds=("ppid_desktop.rekap.kinds.monev",),
    section=UiSection("monev", "Monev", "monev", "ppid_desktop.ui.monev.page:MonevPage", 20, (
        "Instrumen monev berversi, program dan jadwal per perangkat daerah",
        "Sesi lapangan tanpa internet, bukti dukung, skor dan berita acara",
    )),
    travel=tuple(Travel(t) for t in (  # sinkron: the merge rules live in sinkron/spesifikasi.py
        "monev_instrumen", "monev_program", "monev_tim", "monev_jadwal", "monev_sesi", "monev_responden",
        "monev_jawaban", "monev_bukti", "monev_sanggah", "monev_rekomendasi", "monev_tindak_lanjut",
        "monev_sop", "monev_alur", "monev_alur_aksi", "monev_hadir_rapat",
    )),
)
