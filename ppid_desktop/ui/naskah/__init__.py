"""Document preview and the Naskah & Arsip page."""
