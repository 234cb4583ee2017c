"""Data Master: office profile, perangkat daerah, pegawai/pejabat, number templates, calendar."""
