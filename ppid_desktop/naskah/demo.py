"""Demo letters in the agenda surat keluar, in every status of the route."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from ppid_desktop.core.actor import Actor
from ppid_desktop.naskah.agenda import ParafInput
from ppid_desktop.naskah.jenis import JENIS
from ppid_desktop.naskah.masukan import IsianKonsep

if TYPE_CHECKING:
    from ppid_desktop.core.demodata import DemoOptions
    from ppid_desktop.services import Services

HAL = (
    ("nota_dinas", "Rencana Pelaksanaan Monev Keterbukaan Informasi Publik", "Kepala Dinas Komunikasi dan Informatika"),
    ("surat_keluar", "Pemberitahuan Pelaksanaan Monitoring dan Evaluasi", "Kepala Perangkat Daerah se-Kota Salatiga"),
    ("surat_tugas", "Penugasan Tim Monev Pelayanan Informasi Publik", ""),
    ("surat_keluar", "Undangan Rapat Koordinasi Evaluasi Mandiri SPBE", "Kepala Perangkat Daerah se-Kota Salatiga"),
    ("nota_dinas", "Laporan Hasil Monev Semester I", "Sekretaris Daerah Kota Salatiga"),
    ("surat_keluar", "Permintaan Data Daftar Informasi Publik", "PPID Pelaksana se-Kota Salatiga"),
    ("berita_acara", "Berita Acara Rapat Koordinasi PPID", ""),
)


def fill(services: Services, actor: Actor, rng: random.Random, opt: DemoOptions) -> dict[str, int]:
    agenda, master = services.agenda, services.master
    if agenda.daftar():
        return {"surat": 0}
    if not agenda.daftar_klasifikasi():
        # the two codes the demo letters use (an office loads its own list in Data Master › Klasifikasi arsip)
        agenda.simpan_klasifikasi(actor, "000.8.3.3", "Pelayanan informasi publik (contoh)")
        agenda.simpan_klasifikasi(actor, "800.1.11.1", "Penugasan pegawai (contoh)")
    staff = master.daftar_pegawai()
    signer = next((p for p in staff if "surat_keluar" in p.boleh_ttd.split(",")), None)
    if signer is None or len(staff) < 3:
        return {"surat": 0}
    chain = [p for p in staff if p.id != signer.id and not p.boleh_ttd][:1] + \
            [p for p in staff if p.id != signer.id and "nota_dinas" in p.boleh_ttd.split(",")][:1]
    today = opt.today or services.clock.today()
    # Numbers follow the order of signature: sign the demo letters in date order.
    dates = sorted((today - timedelta(days=rng.randint(3, 120)) for _ in range(12)), reverse=True)
    made = 0
    for i in range(12):
        jenis, hal, kepada = HAL[i % len(HAL)]
        boleh = [p for p in staff if JENIS[jenis].ttd in p.boleh_ttd.split(",")]
        surat = agenda.buat_konsep(actor, IsianKonsep.dari({"jenis": jenis, "hal": hal, "kepada": kepada,
                                           "penandatangan_id": (boleh[0] if boleh else signer).id,
                                           "kode_klasifikasi": "000.8.3.3" if jenis != "surat_tugas" else "800.1.11.1",
                                           "sumber": "demo"}),
                                   [ParafInput(p.id) for p in chain])
        made += 1
        stage = i % 6  # 0 konsep, 1 paraf, 2 dikembalikan, 3 siap_ttd, 4 ditandatangani, 5 dikirim
        if stage == 0:
            continue
        agenda.ajukan(actor, surat.id)
        if stage == 1:
            continue
        if stage == 2:
            agenda.paraf(actor, surat.id, False, "Lengkapi daftar perangkat daerah yang dituju.")
            continue
        for _ in chain:
            agenda.paraf(actor, surat.id, True)
        if stage == 3:
            continue
        signed_on = dates.pop()
        agenda.tandatangani(actor, surat.id, signed_on)
        if stage == 5:
            agenda.kirim(actor, surat.id, signed_on + timedelta(days=1), rng.choice(["kurir", "e-mail", "aplikasi TTE"]))
    return {"surat": made}
