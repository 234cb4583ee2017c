"""The first-run "Coba dengan data demo" path: demo data filled off the GUI thread, then sign-in works."""

from __future__ import annotations

from ppid_desktop import demo
from ppid_desktop.app import _run_with_progress, fill_demo


def test_fill_demo_in_background_then_sign_in(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = demo.DemoOptions
    monkeypatch.setattr(demo, "DemoOptions", lambda: real(permohonan=20, opd=5))  # keep the test quick
    fill_demo(services)
    actor = services.akun.authenticate("admin", "rahasia123")
    assert "Admin" in actor.roles
    assert len(services.master.daftar_opd(jenis_unit="perangkat_daerah")) == 5  # plus the demo bidang (monev)
    assert services.agenda.daftar(), "every room's demo filler ran"
    # a second call does nothing (users exist)
    fill_demo(services)
    assert len(services.master.daftar_opd(jenis_unit="perangkat_daerah")) == 5  # plus the demo bidang (monev)


def test_run_with_progress_reraises_errors(qtbot) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from ppid_desktop.core.errors import UserError

    def boom(_p: object) -> None:
        raise UserError("Disk penuh")

    with pytest.raises(UserError, match="Disk penuh"):
        _run_with_progress("uji", boom)
    assert _run_with_progress("uji", lambda _p: 7) == 7
