"""Layanan Informasi pages: registers, entry form, detail with history and deadlines, documents, report."""
