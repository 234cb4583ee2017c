"""Helpers for tests of form dialogs built on ``ui.dialog.DialogFormulir``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog


def disimpan(dlg: Any) -> bool:
    """Press Simpan (the tests' synchronous task runner saves at once); was the dialog accepted?"""
    dlg.simpan()
    return bool(dlg.result() == QDialog.DialogCode.Accepted)
