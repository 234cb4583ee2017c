from __future__ import annotations

import pytest
from sqlmodel import select

from ppid_desktop.akun import roles as R
from ppid_desktop.akun.models import Pengguna
from ppid_desktop.core.audit import AuditLog
from ppid_desktop.core.errors import PermissionDenied, UserError, ValidationError
from tests.conftest import make_actor


def test_first_admin_then_sign_in(services) -> None:  # type: ignore[no-untyped-def]
    assert not services.akun.has_users()
    services.akun.create_user(None, "Admin", "Administrator", "kata-sandi-kuat", [R.ADMIN])
    with pytest.raises(UserError, match="Akun pertama sudah dibuat"):
        services.akun.create_user(None, "kedua", "Kedua", "kata-sandi-kuat", [R.ADMIN])
    actor = services.akun.authenticate("admin", "kata-sandi-kuat")
    assert actor.roles == frozenset({R.ADMIN})
    with services.store.read() as s:
        user = s.exec(select(Pengguna)).one()
        assert user.password_hash.startswith("$argon2")
        assert "kata-sandi-kuat" not in user.password_hash


def test_wrong_password_is_logged_and_refused(services) -> None:  # type: ignore[no-untyped-def]
    services.akun.create_user(None, "admin", "Administrator", "kata-sandi-kuat", [R.ADMIN])
    with pytest.raises(UserError, match="salah"):
        services.akun.authenticate("admin", "keliru")
    with pytest.raises(UserError, match="salah"):
        services.akun.authenticate("tidakada", "apa-saja")
    with services.store.read() as s:
        actions = [a.action for a in s.exec(select(AuditLog).where(AuditLog.entity == "pengguna"))]
    assert actions.count("login_gagal") == 2


def test_account_validation(services, admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        services.akun.create_user(admin, "", "", "pendek", ["Raja"])
    assert set(err.value.problems) == {"username", "nama", "password", "roles"}
    assert services.akun.list_users() == []


def test_only_admin_manages_accounts(services, admin) -> None:  # type: ignore[no-untyped-def]
    petugas = make_actor(R.PETUGAS, username="petugas")
    with pytest.raises(PermissionDenied, match="mengelola akun"):
        services.akun.create_user(petugas, "baru", "Baru", "kata-sandi-kuat", [R.PETUGAS])
    services.akun.create_user(admin, "baru", "Baru", "kata-sandi-kuat", [R.PETUGAS])
    services.akun.set_roles(admin, "baru", [R.PETUGAS, R.PPID], aktif=False)
    with pytest.raises(UserError):
        services.akun.authenticate("baru", "kata-sandi-kuat")  # inactive


def test_change_own_password_needs_old_one(services) -> None:  # type: ignore[no-untyped-def]
    services.akun.create_user(None, "admin", "Administrator", "kata-sandi-kuat", [R.ADMIN])
    actor = services.akun.authenticate("admin", "kata-sandi-kuat")
    with pytest.raises(ValidationError):
        services.akun.change_password(actor, "admin", "salah", "sandi-baru-123")
    services.akun.change_password(actor, "admin", "kata-sandi-kuat", "sandi-baru-123")
    assert services.akun.authenticate("admin", "sandi-baru-123").username == "admin"


def test_permissions_matrix() -> None:
    assert R.can(make_actor(R.ATASAN), R.KEBERATAN_PUTUS)
    assert not R.can(make_actor(R.PETUGAS), R.KEBERATAN_PUTUS)
    assert not R.can(make_actor(R.MONEV), R.PDP_LIHAT)
    assert R.can(make_actor(R.ADMIN), R.KEBERATAN_PUTUS)
    assert R.can(make_actor(R.SEKRETARIAT), R.MASTER_UBAH)
