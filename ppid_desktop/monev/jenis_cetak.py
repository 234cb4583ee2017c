"""The kinds of monev document ``ppid monev cetak`` prints (Qt- and reportlab-free: the CLI parser lists them)."""

JENIS_CETAK = ("sk-tim", "surat-pemberitahuan", "surat-tugas", "undangan", "berita-acara", "laporan-unit",
               "laporan-program", "laporan-solusi", "ba-evaluasi-mandiri", "proposal",
               "surat-permintaan-data", "notulen", "laporan-evaluasi")
PER_UNIT = ("berita-acara", "laporan-unit")
