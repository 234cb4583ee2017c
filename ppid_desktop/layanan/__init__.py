"""Layanan Informasi (issue #3): permohonan, keberatan, sengketa (placeholder docstring; see below)."""
