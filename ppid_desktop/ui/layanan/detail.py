"""The detail screens of the Layanan Informasi register: one permohonan, one keberatan (the acts and the
letters they offer come from the room's view models, ``rules.tampilan_permohonan`` and
``keberatan.tampilan_keberatan``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R  # noqa: N812
from ppid_desktop.core.tanggal import tanggal_angka, tanggal_panjang
from ppid_desktop.layanan import rules as RU  # noqa: N812
from ppid_desktop.layanan.keberatan import tampilan_keberatan
from ppid_desktop.layanan.masukan import (
    KeberatanMasukan,
    KeputusanMasukan,
    KoreksiKeberatan,
    KoreksiSengketa,
    PutusanKeberatanMasukan,
    SengketaMasukan,
)
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.dialog import DialogFormulir
from ppid_desktop.ui.layanan.formulir import FormDialog, Isian, PermohonanForm
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import (
    info,
    teks_kartu,
    tutup_dialog,
    wenang_semua,
)


def _tgl(v: Any, _row: dict[str, Any] | None = None) -> str:
    """An ISO date from the register query as ``15-06-2026``."""
    return tanggal_angka(date.fromisoformat(v)) if v else ""


def _waktu(at: datetime) -> str:
    """A history time (stored in UTC) on the office's clock."""
    return at.astimezone().strftime("%d-%m-%Y %H:%M")


def _lbl(table: dict[str, str]) -> Any:
    return lambda v, _r: RU.label(table, v)


def _buka_berkas(path: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _cetak(parent: QWidget, ctx: AppContext, jenis: str, nomor: str) -> None:
    """Document ``jenis`` of the permohonan/keberatan ``nomor``, rendered in the background, then previewed."""
    from ppid_desktop.layanan import dokumen

    def done(res: tuple[bytes, str]) -> None:
        from ppid_desktop.ui.naskah.preview import PdfPreviewDialog

        PdfPreviewDialog(res[0], res[1], parent).show()

    ctx.tasks.run(lambda _p: dokumen.cetak(ctx.services, ctx.actor, jenis, nomor), title=parent.tr("Menyiapkan dokumen…"),
                  on_done=done)



def _kosongkan(layout: QBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None:  # out of the dialog now (findChild no longer sees it), freed later
            w.hide()
            w.setParent(None)  # type: ignore[call-overload]
            w.deleteLater()


def _tombol(ctx: AppContext, layout: QBoxLayout, teks: str, slot: Callable[[], Any], *,
            izin: tuple[str, ...] = (), nama: str = "", boleh: bool | None = None) -> QPushButton:
    """A button of a detail dialog: enabled when the role holds every permission in ``izin`` (and ``boleh``,
    when given, agrees), else visibly disabled with the reason as its tooltip."""
    b = QPushButton(teks)
    if nama:
        b.setObjectName(nama)
    b.clicked.connect(lambda _=False: slot())
    layout.addWidget(b)
    ok = wenang_semua(ctx, izin, b)
    if ok and boleh is False:
        b.setEnabled(False)
    return b


class DetailPermohonan(QDialog):
    """One request: data (NIK masked, reveal for PDP_LIHAT), deadline explanation, history, next steps, documents.

    The acts come from the room's view model (``rules.tampilan_permohonan``): every step the request's
    status allows is shown; a step the role may not take is disabled with the reason as tooltip ("Hanya PPID
    yang dapat melakukannya"). Every change runs through ``ui.operasi`` (task runner, one error display,
    ``ctx.changed``)."""

    def __init__(self, ctx: AppContext, permohonan_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pid = permohonan_id
        self.resize(820, 640)
        lay = QVBoxLayout(self)
        from ppid_desktop.ui.sinkron_tanda import BannerKonflik  # open sync conflicts of this request
        self.tanda = BannerKonflik(ctx, "permohonan", permohonan_id, self)
        self.tanda.berubah.connect(self.refresh)
        lay.addWidget(self.tanda)
        self.text = QTextBrowser()
        lay.addWidget(self.text)
        self.actions = QHBoxLayout()
        lay.addLayout(self.actions)
        self.lampiran_bar = QHBoxLayout()
        lay.addLayout(self.lampiran_bar)
        self.docs = QHBoxLayout()
        lay.addLayout(self.docs)
        tutup_dialog(self, lay)
        self.opener: Any = _buka_berkas  # replaced in tests
        self.refresh()

    def refresh(self) -> None:
        lay = self.ctx.services.layanan
        p = lay.ambil_permohonan(self.pid)
        self.p = p
        self.setWindowTitle(self.tr("Permohonan %1").replace("%1", p.nomor))
        opd = self.ctx.services.master.ambil_opd(p.opd_id) if p.opd_id else None
        info_t = lay.penjelasan_tenggat(p)
        rows = [
            ("Nomor", p.nomor), ("Diterima", tanggal_panjang(p.tanggal_diterima)), ("Saluran", RU.label(RU.SALURAN, p.saluran)),
            ("Pemohon", f"{p.nama} ({RU.label(RU.JENIS_PEMOHON, p.jenis_pemohon)})"), ("NIK", p.nik_mask or "-"),
            ("Alamat", p.alamat), ("Kontak", " / ".join(x for x in (p.telepon, p.email) if x)),
            ("Rincian", p.rincian), ("Tujuan", p.tujuan), ("OPD", opd.nama if opd else "-"),
            ("Status", RU.label(RU.STATUS, p.status)),
            ("Keputusan", RU.label(RU.KEPUTUSAN, p.keputusan) if p.keputusan else "-"),
        ]
        from html import escape

        html = "<table>" + "".join(f"<tr><td><b>{escape(a)}</b></td><td>{escape(str(b or '-'))}</td></tr>" for a, b in rows) + "</table>"
        html += "<h4>" + escape(self.tr("Tenggat dan cara menghitungnya")) + "</h4>" + teks_kartu(lay.teks_penjelasan(info_t))
        html += "<h4>" + escape(self.tr("Riwayat")) + "</h4><ul>"
        for e in lay.riwayat(p.id):
            html += f"<li>{_waktu(e.created_at)} — <b>{escape(e.oleh_nama or e.oleh)}</b>: {escape(e.catatan or e.aksi)}</li>"
        html += "</ul>"
        from ppid_desktop.layanan.service import LAMPIRAN_JENIS

        self.daftar_lampiran = lay.lampiran(p.id)
        html += "<h4>" + escape(self.tr("Lampiran")) + "</h4>"
        if self.daftar_lampiran:
            html += "<ul>" + "".join(
                f"<li>{escape(LAMPIRAN_JENIS.get(x.jenis, x.jenis))}: {escape(x.nama_berkas)} ({RU.angka(x.ukuran)} bita, terenkripsi)</li>"
                for x in self.daftar_lampiran) + "</ul>"
        else:
            html += "<p>" + escape(self.tr("Tidak ada lampiran.") if not p.dianonimkan else
                                   self.tr("Data pribadi dan lampiran telah dianonimkan (masa retensi berakhir).")) + "</p>"
        if p.retain_until:
            html += "<p>" + escape(self.tr("Data pribadi disimpan sampai %1 (masa retensi).").replace(
                "%1", tanggal_panjang(p.retain_until))) + "</p>"
        for k in lay.keberatan_untuk(p.id):
            html += f"<p><b>Keberatan {escape(k.nomor)}</b>: {escape(RU.label(RU.STATUS_KEBERATAN, k.status))}, tenggat jawaban {tanggal_angka(k.tenggat_jawaban)}</p>"
        self.text.setHtml(html)
        for layout in (self.actions, self.docs, self.lampiran_bar):
            _kosongkan(layout)
        ctx = self.ctx
        if p.nik_enc:
            _tombol(ctx, self.actions, self.tr("Lihat NIK"), self.lihat_nik, izin=(R.PDP_LIHAT,), nama="lihat_nik")
        for x in self.daftar_lampiran:
            b = _tombol(ctx, self.lampiran_bar, self.tr("Buka %1").replace("%1", LAMPIRAN_JENIS.get(x.jenis, x.jenis)),
                        lambda lid=x.id, nama=x.nama_berkas: self.buka_lampiran(lid, nama), izin=(R.PDP_LIHAT,),
                        nama=f"lampiran_{x.id}")
            if b.isEnabled():
                b.setToolTip(self.tr("Akses ke lampiran dicatat dalam log audit"))
        if not p.dianonimkan:
            _tombol(ctx, self.lampiran_bar, self.tr("Tambah lampiran…"), self.tambah_lampiran,
                    izin=(R.LAYANAN_CATAT,), nama="tambah_lampiran")
        self.lampiran_bar.addStretch(1)
        # every act the status allows (a permissive view), enabled as the role's own view model says
        semua = RU.tampilan_permohonan(p, lambda _izin: True)
        vm = RU.tampilan_permohonan(p, ctx.can)
        if semua.boleh_ubah:
            _tombol(ctx, self.actions, self.tr("Ubah data…"), self.ubah_data, izin=(R.LAYANAN_CATAT,), nama="ubah_data",
                    boleh=vm.boleh_ubah)
        boleh_ke = {t.ke for t in vm.langkah}
        for t in semua.langkah:
            _tombol(ctx, self.actions, t.label, lambda ke=t.ke: self.langkah(ke), izin=(t.izin,), nama=f"aksi_{t.ke}",
                    boleh=t.ke in boleh_ke)
        if semua.boleh_keberatan:
            _tombol(ctx, self.actions, self.tr("Ajukan keberatan"), self.keberatan, izin=(R.LAYANAN_CATAT,),
                    nama="ajukan_keberatan", boleh=vm.boleh_keberatan)
        self.actions.addStretch(1)
        from ppid_desktop.layanan.dokumen import JENIS

        for j, izin in zip(vm.dokumen, vm.izin_cetak, strict=True):  # the room says what each letter needs
            _tombol(ctx, self.docs, JENIS[j], lambda j=j: self.cetak(j), izin=izin, nama=f"cetak_{j}")
        self.docs.addStretch(1)

    def _ubah(self, form: DialogFormulir) -> None:
        if form.exec():
            self.refresh()

    def dialog_ubah(self) -> PermohonanForm:
        return PermohonanForm(self.ctx, self, permohonan_id=self.pid)

    def ubah_data(self) -> None:
        self._ubah(self.dialog_ubah())

    def buka_lampiran(self, lampiran_id: str, nama: str) -> None:
        """Decrypt (PDP_LIHAT; audited by the service) into a private temp file and open it."""
        from ppid_desktop.core import lampiran

        lay, actor, store = self.ctx.services.layanan, self.ctx.actor, self.ctx.services.store

        def dekripsi() -> Path:  # into this process's private temp folder, removed when the app closes
            return lampiran.tulis_sementara(store, lay.buka_lampiran(actor, lampiran_id), nama)

        operasi(self.ctx, dekripsi, rooms=(), title=self.tr("Membuka lampiran…"), parent=self, on_done=lambda p: self.opener(p))

    def dialog_lampiran(self, path: str = "") -> FormDialog:
        from ppid_desktop.layanan.service import LAMPIRAN_JENIS

        lay, actor, pid = self.ctx.services.layanan, self.ctx.actor, self.pid
        return FormDialog(self.ctx, self.tr("Tambah lampiran"), [Isian("jenis", "Jenis", "pilihan", LAMPIRAN_JENIS),
                                                                 Isian("path", "Berkas", awal=path)],
                          lambda v: lay.tambah_lampiran(actor, "permohonan", pid, v["jenis"], Path(v["path"])), self)

    def tambah_lampiran(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih berkas lampiran"))
        if path:
            self._ubah(self.dialog_lampiran(path))

    def lihat_nik(self) -> None:
        lay, actor, pid = self.ctx.services.layanan, self.ctx.actor, self.pid
        operasi(self.ctx, lambda: lay.lihat_nik(actor, pid), rooms=(), title=self.tr("Membuka NIK…"), parent=self,
                on_done=lambda nik: info(self, self.tr("NIK pemohon: %1 (akses ini dicatat dalam log audit)")
                                         .replace("%1", nik)))

    def dialog_langkah(self, ke: str) -> FormDialog:
        lay, actor, pid, ctx = self.ctx.services.layanan, self.ctx.actor, self.pid, self.ctx
        today = lay.clock()
        if ke == RU.DIPROSES:
            opd = {o.id: o.nama for o in self.ctx.services.master.daftar_opd(include_inactive=False)}
            return FormDialog(ctx, self.tr("Disposisi"), [Isian("opd_id", "OPD / PPID Pelaksana", "pilihan", opd, self.p.opd_id),
                                                         Isian("catatan", "Catatan", "panjang")],
                              lambda v: lay.disposisi(actor, pid, v["opd_id"], v["catatan"]), self)
        if ke == RU.DIPERPANJANG:
            return FormDialog(ctx, self.tr("Perpanjangan 7 hari kerja"), [
                Isian("tanggal_perpanjangan", "Tanggal", "tanggal", awal=today),
                Isian("alasan_perpanjangan", "Alasan tertulis", "panjang")],
                lambda v: lay.perpanjang(actor, pid, v["alasan_perpanjangan"], v["tanggal_perpanjangan"]), self)
        if ke == RU.DIPUTUSKAN:
            keputusan = lambda *jenis: lambda v: v.get("keputusan") in jenis  # noqa: E731
            diberikan = keputusan(*RU.KEPUTUSAN_DIBERIKAN)
            return FormDialog(ctx, self.tr("Keputusan (pemberitahuan tertulis)"), [
                Isian("keputusan", "Keputusan", "pilihan", RU.KEPUTUSAN),
                Isian("tanggal_pemberitahuan", "Tanggal pemberitahuan", "tanggal", awal=today),
                Isian("pasal17", "Pasal 17 (bila ditolak)", "huruf", RU.PASAL_17),
                Isian("uji_konsekuensi", "Rujukan uji konsekuensi"),
                Isian("catatan_penghitaman", "Bagian dihitamkan dan alasannya", "panjang"),
                Isian("badan_penguasa", "Badan publik yang menguasai"),
                Isian("waktu_dokumentasi", "Waktu untuk mendokumentasikan"),
                Isian("bentuk_informasi", "Bentuk informasi", "pilihan", {"": "-", **RU.BENTUK_INFORMASI}),
                Isian("waktu_penyediaan", "Waktu penyediaan"),
                Isian("biaya_per_lembar", "Biaya salinan per lembar (Rp)", "angka"),
                Isian("jumlah_lembar", "Jumlah lembar", "angka"),
                Isian("biaya_kirim", "Biaya pengiriman (Rp)", "angka"),
                Isian("catatan_keputusan", "Keterangan", "panjang"),
            ], lambda v: lay.putuskan(actor, pid, KeputusanMasukan.dari_dict(v)), self, tampil={
                # the grounds each kind of decision states (the rest stays hidden and is sent empty)
                "pasal17": keputusan(RU.DITOLAK), "uji_konsekuensi": keputusan(RU.DITOLAK),
                "catatan_penghitaman": keputusan(RU.SEBAGIAN), "badan_penguasa": keputusan(RU.TIDAK_DIKUASAI),
                "waktu_dokumentasi": keputusan(RU.BELUM_DIDOKUMENTASIKAN), "bentuk_informasi": diberikan,
                "waktu_penyediaan": diberikan, "biaya_per_lembar": diberikan, "jumlah_lembar": diberikan,
                "biaya_kirim": diberikan,
            })
        if ke == RU.DISERAHKAN:
            return FormDialog(ctx, self.tr("Penyerahan informasi"), [
                Isian("tanggal_penyerahan", "Tanggal", "tanggal", awal=today),
                Isian("cara", "Cara", "pilihan", RU.CARA_SALINAN, self.p.cara_salinan),
                Isian("penerima", "Penerima", awal=self.p.nama), Isian("catatan", "Catatan", "panjang")],
                lambda v: lay.serahkan(actor, pid, v["tanggal_penyerahan"], v["cara"], v["penerima"], v["catatan"]), self)
        if ke == RU.DITARIK:
            return FormDialog(ctx, self.tr("Permohonan ditarik"), [Isian("alasan_ditarik", "Alasan", "panjang")],
                              lambda v: lay.tarik(actor, pid, v["alasan_ditarik"]), self)
        return FormDialog(ctx, self.tr("Tutup permohonan"), [Isian("catatan", "Catatan", "panjang")],
                          lambda v: lay.selesaikan(actor, pid, v["catatan"]), self)

    def langkah(self, ke: str) -> None:
        self._ubah(self.dialog_langkah(ke))

    def dialog_keberatan(self) -> FormDialog:
        lay, actor, pid = self.ctx.services.layanan, self.ctx.actor, self.pid

        def sesudah(hasil: Any) -> None:
            for w in hasil[1]:
                info(self, w)

        return FormDialog(self.ctx, self.tr("Keberatan"), [
            Isian("tanggal_diterima", "Tanggal diterima", "tanggal", awal=lay.clock()),
            Isian("alasan", "Alasan (Pasal 35 ayat (1))", "huruf", RU.PASAL_35),
            Isian("kasus_posisi", "Kasus posisi", "panjang"), Isian("nama_kuasa", "Nama kuasa (bila ada)"),
            Isian("tanggal_dasar", "Hitung 30 hari kerja sejak (bila bukan tanggal pemberitahuan)", "tanggal_opsional"),
            Isian("alasan_tanggal_dasar", "Alasan tanggal mulai hitung"),
        ], lambda v: lay.catat_keberatan(actor, pid, KeberatanMasukan.dari_dict(v)), self, sesudah=sesudah)

    def keberatan(self) -> None:
        self._ubah(self.dialog_keberatan())

    def cetak(self, jenis: str) -> None:
        _cetak(self, self.ctx, jenis, self.p.nomor)



class DetailKeberatan(QDialog):
    """One objection, its answer and disputes. The acts come from ``keberatan.tampilan_keberatan`` (what the
    status allows); an act the role may not take is disabled with the reason ("Hanya Atasan PPID …")."""

    def __init__(self, ctx: AppContext, keberatan_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.kid = ctx, keberatan_id
        self.resize(760, 520)
        lay = QVBoxLayout(self)
        from ppid_desktop.ui.sinkron_tanda import BannerKonflik  # open sync conflicts of this objection
        self.tanda = BannerKonflik(ctx, "keberatan", keberatan_id, self)
        self.tanda.berubah.connect(self.refresh)
        lay.addWidget(self.tanda)
        self.text = QTextBrowser()
        lay.addWidget(self.text)
        self.bar = QHBoxLayout()
        lay.addLayout(self.bar)
        self.docs = QHBoxLayout()
        lay.addLayout(self.docs)
        tutup_dialog(self, lay)
        self.refresh()

    def refresh(self) -> None:
        from html import escape

        lay = self.ctx.services.layanan
        k = lay.ambil_keberatan(self.kid)
        self.k = k
        self.setWindowTitle(self.tr("Keberatan %1").replace("%1", k.nomor))
        if k.permohonan_id:
            p = lay.ambil_permohonan(k.permohonan_id)
            html = f"<h3>{escape(k.nomor)}</h3><p>Atas permohonan {escape(p.nomor)} — {escape(k.nama)}</p>"
        else:  # standalone (Pasal 35(1) b–g): the pemohon's own identity, NIK masked
            html = (f"<h3>{escape(k.nomor)}</h3><p>Tanpa permohonan — {escape(k.nama)}; NIK {escape(k.nik_mask or '-')}; "
                    + escape("; ".join(x for x in (k.alamat, k.pekerjaan, k.telepon, k.email) if x) or "-")
                    + (f"; kuasa: {escape(k.nama_kuasa)}" if k.nama_kuasa else "") + "</p>")
        html += f"<p>Alasan: {escape(RU.pasal_label(k.alasan, RU.PASAL_35))}</p><p>{escape(k.kasus_posisi)}</p>"
        html += f"<p>Diterima {tanggal_panjang(k.tanggal_diterima)}; jawaban paling lambat <b>{tanggal_panjang(k.tenggat_jawaban)}</b>"
        if k.terlambat_diajukan:
            html += f" — <i>diajukan melewati batas 30 hari kerja ({tanggal_panjang(k.batas_pengajuan)})</i>"
        html += f"</p><p>Status: {escape(RU.label(RU.STATUS_KEBERATAN, k.status))}; putusan: {escape(RU.label(RU.PUTUSAN_KEBERATAN, k.putusan) or '-')}</p><ul>"
        for e in lay.riwayat(k.id):
            html += f"<li>{_waktu(e.created_at)} — {escape(e.oleh_nama or e.oleh)}: {escape(e.catatan)}</li>"
        html += "</ul>"
        self.sengketa = lay.sengketa_untuk(k.id)
        for g in self.sengketa:
            html += (f"<h4>Sengketa {escape(g.nomor_ki or '(nomor KI belum ada)')}</h4><p>Tahap: "
                     f"<b>{escape(RU.label(RU.TAHAP_SENGKETA, g.tahap))}</b>; diajukan {tanggal_panjang(g.tanggal_diajukan)}")
            if g.hasil_mediasi:
                html += f"; mediasi: {escape(RU.label(RU.HASIL_SENGKETA, g.hasil_mediasi))}"
            if g.hasil_ajudikasi:
                html += f"; ajudikasi: {escape(RU.label(RU.HASIL_SENGKETA, g.hasil_ajudikasi))}"
            if g.tanggal_putusan:
                html += f"; putusan KI {escape(g.nomor_putusan)} tanggal {tanggal_panjang(g.tanggal_putusan)}"
            if g.tanggal_diajukan_pengadilan:
                html += f"; {escape(g.pengadilan or 'PTUN/PN')} sejak {tanggal_panjang(g.tanggal_diajukan_pengadilan)}"
            if g.tanggal_kasasi:
                html += f"; kasasi {tanggal_panjang(g.tanggal_kasasi)}"
            if g.putusan_dilaksanakan:
                html += f"; putusan {escape(RU.label(RU.TINDAK_LANJUT, g.putusan_dilaksanakan).lower())}"
            if g.batas_ki:
                html += "</p><p>" + escape(lay.jam_ki(g))
            html += "</p>"
            for w in lay.peringatan_sengketa(g):
                html += f"<p style='color:#b3261e'>⚠ {escape(w)}</p>"
        self.text.setHtml(html)
        _kosongkan(self.bar)
        _kosongkan(self.docs)
        aksi, dokumen = tampilan_keberatan(k)
        buka: dict[str, Callable[[], Any]] = {
            "ubah": lambda: self._ubah(self.dialog_ubah()), "jawab": lambda: self._ubah(self.dialog_jawab()),
            "tanggapan": lambda: self._ubah(self.dialog_tanggapan()),
            "sengketa": lambda: self._ubah(self.dialog_sengketa_baru()),
            "tindak_lanjut": lambda: self._ubah(self.dialog_tindak_lanjut()),
        }
        nama = {"ubah": "ubah_keberatan", "jawab": "jawab_keberatan", "tanggapan": "tanggapan_pemohon",
                "sengketa": "sengketa_baru", "tindak_lanjut": "tindak_lanjut"}
        for a in aksi:
            _tombol(self.ctx, self.bar, self.tr(a.label), buka[a.kunci], izin=(a.izin,), nama=nama[a.kunci])
        for g in self.sengketa:
            _tombol(self.ctx, self.bar, self.tr("Perbarui tahap sengketa"),
                    lambda gid=g.id: self._ubah(self.dialog_sengketa(gid)), izin=(R.LAYANAN_CATAT,),
                    nama=f"sengketa_{g.id}")
        self.bar.addStretch(1)
        from ppid_desktop.layanan.dokumen import JENIS

        for jenis in dokumen:
            _tombol(self.ctx, self.docs, JENIS.get(jenis, jenis), lambda j=jenis: self.cetak(j),
                    izin=RU.izin_dokumen(jenis), nama=f"cetak_{jenis}")
        self.docs.addStretch(1)

    def _ubah(self, form: DialogFormulir) -> None:
        if form.exec():
            self.refresh()

    def dialog_jawab(self) -> FormDialog:
        lay, actor, kid = self.ctx.services.layanan, self.ctx.actor, self.kid
        atasan = self.ctx.services.master.daftar_pegawai(boleh_ttd="keberatan")
        return FormDialog(self.ctx, self.tr("Jawaban Atasan PPID"), [
            Isian("putusan", "Putusan", "pilihan", RU.PUTUSAN_KEBERATAN),
            Isian("tanggal_tanggapan", "Tanggal", "tanggal", awal=lay.clock()),
            Isian("isi_tanggapan", "Pertimbangan", "panjang"),
            Isian("atasan_nama", "Nama Atasan PPID", awal=atasan[0].nama if atasan else ""),
            Isian("atasan_jabatan", "Jabatan", awal=atasan[0].jabatan if atasan else "Atasan PPID"),
            Isian("atasan_nip", "NIP", awal=atasan[0].nip if atasan else ""),
        ], lambda v: lay.putus_keberatan(actor, kid, PutusanKeberatanMasukan.dari_dict(v)), self)

    def dialog_tanggapan(self) -> FormDialog:
        lay, actor, kid = self.ctx.services.layanan, self.ctx.actor, self.kid
        return FormDialog(self.ctx, self.tr("Tanggapan pemohon"), [
            Isian("tanggapan_pemohon", "Tanggapan", "pilihan", RU.TANGGAPAN_PEMOHON), Isian("catatan", "Catatan", "panjang")],
            lambda v: lay.tanggapan_pemohon(actor, kid, v["tanggapan_pemohon"], v["catatan"]), self)

    def dialog_sengketa_baru(self) -> FormDialog:
        lay, actor, kid = self.ctx.services.layanan, self.ctx.actor, self.kid

        def sesudah(hasil: Any) -> None:
            for w in hasil[1]:
                info(self, w)

        return FormDialog(self.ctx, self.tr("Sengketa informasi"), [
            Isian("tanggal_diajukan", "Tanggal diajukan", "tanggal", awal=lay.clock()),
            Isian("tanggal_jawaban_diterima", "Jawaban Atasan diterima pemohon", "tanggal_opsional"),
            Isian("nomor_ki", "Nomor registrasi KI"), Isian("komisi", "Komisi Informasi"),
            Isian("catatan", "Catatan", "panjang")],
            lambda v: lay.catat_sengketa(actor, kid, SengketaMasukan.dari_dict(v)), self, sesudah=sesudah)

    def dialog_tindak_lanjut(self) -> FormDialog:
        lay, actor, kid, k = self.ctx.services.layanan, self.ctx.actor, self.kid, self.k
        return FormDialog(self.ctx, self.tr("Tindak lanjut jawaban Atasan PPID"), [
            Isian("tindak_lanjut", "Jawaban", "pilihan", RU.TINDAK_LANJUT, k.tindak_lanjut or None),
            Isian("catatan", "Catatan", "panjang")],
            lambda v: lay.tindak_lanjut_keberatan(actor, kid, v["tindak_lanjut"], v["catatan"]), self)

    def dialog_ubah(self) -> FormDialog:
        """Correct the objection's identity, case narrative and (before the answer) its grounds."""
        lay, actor, kid = self.ctx.services.layanan, self.ctx.actor, self.kid
        k = lay.ambil_keberatan(kid)
        isian = [Isian("nama", "Nama pemohon", awal=k.nama)]
        mandiri = k.permohonan_id is None  # standalone: the pemohon's own identity is corrected here
        if mandiri:
            isian += [Isian("nik", "NIK"), Isian("alamat", "Alamat", awal=k.alamat),
                      Isian("pekerjaan", "Pekerjaan", awal=k.pekerjaan), Isian("telepon", "Telepon", awal=k.telepon),
                      Isian("email", "E-mail", awal=k.email)]
        isian += [Isian("nama_kuasa", "Nama kuasa", awal=k.nama_kuasa),
                  Isian("alamat_kuasa", "Alamat kuasa", awal=k.alamat_kuasa)]
        if k.status == RU.K_DITERIMA:  # the service refuses new grounds once answered: not offered then
            isian.append(Isian("alasan", "Alasan (Pasal 35 ayat (1))", "huruf", RU.PASAL_35, k.alasan.split(",")))
        isian.append(Isian("kasus_posisi", "Kasus posisi", "panjang", awal=k.kasus_posisi))

        def simpan(v: dict[str, Any]) -> Any:
            if not str(v.get("nik") or "").strip():
                v.pop("nik", None)  # empty: keep the stored NIK (never shown in clear)
            return lay.ubah_keberatan(actor, kid, KoreksiKeberatan.dari_dict(v))

        dlg = FormDialog(self.ctx, self.tr("Ubah data keberatan %1").replace("%1", k.nomor), isian, simpan, self)
        if mandiri:
            dlg.widgets["nik"].setPlaceholderText(self.tr("tersimpan: %1 — isi hanya untuk menggantinya").replace(
                "%1", k.nik_mask or "-"))
        return dlg

    def dialog_sengketa(self, sengketa_id: str) -> FormDialog:
        """Stage update: mediation/adjudication outcome, KI decision (date, number), court stage with dates;
        the statutory windows are shown as warnings after saving."""
        lay, actor = self.ctx.services.layanan, self.ctx.actor
        g = lay.ambil_sengketa(sengketa_id)
        hasil = RU.HASIL_SENGKETA
        isian = [
            Isian("tahap", "Tahap", "pilihan", RU.TAHAP_SENGKETA, g.tahap),
            Isian("nomor_ki", "Nomor registrasi KI", awal=g.nomor_ki),
            Isian("hasil_mediasi", "Hasil mediasi", "pilihan", hasil, g.hasil_mediasi),
            Isian("hasil_ajudikasi", "Hasil ajudikasi", "pilihan", hasil, g.hasil_ajudikasi),
            Isian("tanggal_putusan", "Tanggal putusan KI", "tanggal_opsional", awal=g.tanggal_putusan),
            Isian("nomor_putusan", "Nomor putusan KI", awal=g.nomor_putusan),
            Isian("pengadilan", "Pengadilan (PTUN/PN)", awal=g.pengadilan),
            Isian("nomor_perkara", "Nomor perkara", awal=g.nomor_perkara),
            Isian("tanggal_diajukan_pengadilan", "Diajukan ke PTUN/PN", "tanggal_opsional", awal=g.tanggal_diajukan_pengadilan),
            Isian("tanggal_putusan_pengadilan", "Putusan PTUN/PN", "tanggal_opsional", awal=g.tanggal_putusan_pengadilan),
            Isian("tanggal_kasasi", "Permohonan kasasi", "tanggal_opsional", awal=g.tanggal_kasasi),
            Isian("tanggal_putusan_kasasi", "Putusan kasasi", "tanggal_opsional", awal=g.tanggal_putusan_kasasi),
            Isian("putusan_pengadilan", "Amar putusan pengadilan", "panjang", awal=g.putusan_pengadilan),
            Isian("putusan_dilaksanakan", "Putusan dilaksanakan?", "pilihan", {"": "-", **RU.TINDAK_LANJUT},
                  g.putusan_dilaksanakan),
            Isian("catatan", "Catatan", "panjang", awal=g.catatan),
        ]
        tanggal = tuple(f.key for f in isian if f.jenis == "tanggal_opsional")

        def submit(v: dict[str, Any]) -> Any:
            koreksi = KoreksiSengketa.dari_dict({**v, "kosongkan": tuple(t for t in tanggal if v.get(t) is None)})
            row = lay.ubah_sengketa(actor, sengketa_id, koreksi)
            return row, lay.peringatan_sengketa(row)

        def sesudah(hasil: Any) -> None:
            self.peringatan = hasil[1]
            for w in self.peringatan:
                info(self, w)

        return FormDialog(self.ctx, self.tr("Tahap sengketa informasi"), isian, submit, self, sesudah=sesudah)

    def cetak(self, jenis: str) -> None:
        _cetak(self, self.ctx, jenis, self.k.nomor)
