"""Data Master pages."""
