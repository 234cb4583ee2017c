"""Reusable Qt item models (lazy SQL-backed tables for big registers)."""
