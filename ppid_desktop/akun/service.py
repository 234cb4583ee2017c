"""Accounts: create, sign in (with lockout after repeated wrong passwords), change and reset passwords,
list; the audit log for Admins (list, chain check)."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from ppid_desktop.akun import ringan
from ppid_desktop.akun import roles as R
from ppid_desktop.akun.models import PengaturanAkun, Pengguna
from ppid_desktop.core import audit as A
from ppid_desktop.core import kunci_db
from ppid_desktop.core.actor import Actor
from ppid_desktop.core.audit import AuditLog, log_event, recent
from ppid_desktop.core.base import utcnow
from ppid_desktop.core.clock import SYSTEM_CLOCK, Clock
from ppid_desktop.core.db import Store
from ppid_desktop.core.device import Device
from ppid_desktop.core.errors import UserError, ValidationError

# The hasher and the settings' SQL are shared with the light start path (``akun.ringan``).
_hasher = ringan.hasher
_verify = ringan.verify
ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM = (ringan.ARGON2_TIME_COST, ringan.ARGON2_MEMORY_KIB,
                                                           ringan.ARGON2_PARALLELISM)
MIN_PASSWORD = 8
# Security settings of a database (Pengaturan, Admin only): the idle lock and the import row cap.
KUNCI_MENIT_BAWAAN = ringan.KUNCI_MENIT_BAWAAN  # minutes without keyboard or mouse before the app locks (0: never)
KUNCI_MENIT_MAKS = ringan.KUNCI_MENIT_MAKS
BATAS_BARIS_BAWAAN = 100_000  # data rows an import reads per table (memory stays bounded)
BATAS_BARIS_MIN = 100
BATAS_BARIS_MAKS = 1_000_000
MAX_GAGAL = 5  # wrong passwords in a row before the account is locked
LAMA_KUNCI = timedelta(minutes=15)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError({"password": f"Kata sandi minimal {MIN_PASSWORD} karakter."})


def check_new_user(username: str, nama: str, password: str, roles: list[str], siapa: str = "") -> None:
    """Raise ``ValidationError`` (per field, Indonesian) if these account details cannot be saved.

    Callers that write something else first (the first-run dialog saves the office profile) call this
    before writing anything, so a bad account never leaves a half-done first run. ``siapa`` names the
    account in the messages ("Admin").
    """
    problems: dict[str, str] = {}
    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("_", "").isalnum():
        problems["username"] = "Nama pengguna wajib diisi (huruf, angka, titik atau garis bawah)."
    if not nama.strip():
        problems["nama"] = f"Nama lengkap {siapa} wajib diisi.".replace("  ", " ")
    if len(password) < MIN_PASSWORD:
        problems["password"] = f"Kata sandi minimal {MIN_PASSWORD} karakter."
    if not roles or any(r not in R.ROLES for r in roles):
        problems["roles"] = "Pilih minimal satu peran yang dikenal."
    if problems:
        raise ValidationError(problems)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back: they were stored in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


class AkunService:
    def __init__(self, store: Store, device: Device, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.store = store
        self.device = device
        self.clock = clock

    def actor_for(self, user: Pengguna) -> Actor:
        return Actor(
            username=user.username, device_id=self.device.id, device_name=self.device.name, user_id=user.id,
            nama=user.nama, roles=user.role_set(),
        )

    def has_users(self) -> bool:
        with self.store.read() as s:
            return s.exec(select(Pengguna.id).limit(1)).first() is not None

    def list_users(self) -> list[Pengguna]:
        with self.store.read() as s:
            return list(s.exec(select(Pengguna).order_by(Pengguna.username)))

    def create_user(
        self, actor: Actor | None, username: str, nama: str, password: str, roles: list[str]
    ) -> Pengguna:
        """Create an account. ``actor`` is None only for the first Admin at first run."""
        check_new_user(username, nama, password, roles)
        username = username.strip().lower()
        if actor is None:
            if self.has_users():
                raise UserError("Akun pertama sudah dibuat; masuk sebagai Admin untuk menambah akun.")
        else:
            R.require(actor, R.AKUN_KELOLA)
        system = actor or Actor(username="sistem", device_id=self.device.id, device_name=self.device.name)
        with self._kunci(username, password), self.store.session(system) as s:
            if s.exec(select(Pengguna).where(Pengguna.username == username)).first():
                raise ValidationError({"username": f"Nama pengguna '{username}' sudah dipakai."})
            user = Pengguna(username=username, nama=nama.strip(), password_hash=hash_password(password),
                            roles=",".join(roles))
            s.add(user)
            log_event(s, system, "create", "pengguna", user.id, f"{username} ({', '.join(roles)})")
        return user

    def authenticate(self, username: str, password: str) -> Actor:
        """Sign in. ``MAX_GAGAL`` wrong passwords in a row lock the account for ``LAMA_KUNCI`` (logged)."""
        username = username.strip().lower()
        now = utcnow()
        terkunci: datetime | None = None
        tertunda: list[str] = []
        with self.store.session() as s:
            user = s.exec(select(Pengguna).where(Pengguna.username == username)).first()
            anon = Actor(username=username or "?", device_id=self.device.id, device_name=self.device.name)
            sampai = _aware(user.terkunci_sampai) if user is not None else None
            if user is not None and sampai is not None and sampai > now:
                log_event(s, anon, "login_ditolak", "pengguna", user.id, f"{username}: akun terkunci")
                terkunci, user = sampai, None
            elif user is None or not user.aktif or not _verify(user.password_hash, password):
                # The failed attempt is logged (and committed) before the error is raised below.
                log_event(s, anon, "login_gagal", "pengguna", user.id if user else None, username)
                if user is not None and user.aktif:
                    user.gagal_masuk = (user.gagal_masuk or 0) + 1
                    if user.gagal_masuk >= MAX_GAGAL:
                        user.terkunci_sampai = now + LAMA_KUNCI
                        user.gagal_masuk = 0
                        log_event(s, anon, "akun_dikunci", "pengguna", user.id,
                                  f"{username}: {MAX_GAGAL} kali salah kata sandi, dikunci "
                                  f"{int(LAMA_KUNCI.total_seconds() // 60)} menit")
                    s.add(user)
                user = None
            else:
                if _hasher().check_needs_rehash(user.password_hash):
                    user.password_hash = hash_password(password)
                tertunda = self._masuk_berhasil(s, user, now)
        if tertunda:
            with contextlib.suppress(UserError):
                kunci_db.hapus_gagal(self.store.path, tertunda)
        if terkunci is not None:
            menit = max(1, int((terkunci - now).total_seconds() // 60) + 1)
            raise UserError(f"Akun {username} terkunci karena terlalu sering salah kata sandi. "
                            f"Coba lagi dalam {menit} menit atau minta Admin mengatur ulang kata sandinya.")
        if user is None:
            raise UserError("Nama pengguna atau kata sandi salah.")
        return self.actor_for(user)

    def _masuk_berhasil(self, s: Session, user: Pengguna, now: datetime) -> list[str]:
        """The writes of a sign-in that succeeded: last login, counters reset, the audit ``login`` and the
        wrong passwords typed before the key file unlocked (returned: delete them after the commit)."""
        user.last_login = now
        user.gagal_masuk = 0
        user.terkunci_sampai = None
        s.add(user)
        log_event(s, self.actor_for(user), "login", "pengguna", user.id, user.username)
        if self.store.kunci is not None:  # wrong passwords typed before the unlock (key file)
            return kunci_db.tulis_gagal_ke_audit(s, self.store.path, self.device.id)
        return []

    def catat_masuk(self, username: str, waktu: datetime | None = None) -> Actor:
        """The writes of a sign-in whose password the light start path checked (``ringan.periksa_masuk``:
        active, not locked, password right), in one unit of work — the same as ``authenticate``'s success.
        The app runs it right after loading the services, before any other write."""
        username = username.strip().lower()
        now = waktu or utcnow()
        with self.store.session() as s:
            user = s.exec(select(Pengguna).where(Pengguna.username == username)).first()
            if user is None or not user.aktif:
                raise UserError(f"Akun {username} tidak ditemukan atau sudah dinonaktifkan. Masuk lagi.")
            tertunda = self._masuk_berhasil(s, user, now)
        if tertunda:
            with contextlib.suppress(UserError):
                kunci_db.hapus_gagal(self.store.path, tertunda)
        return self.actor_for(user)

    def reset_password(self, actor: Actor, username: str, new: str) -> None:
        """An Admin sets a new password for another account (and unlocks it); logged."""
        R.require(actor, R.AKUN_KELOLA)
        check_password(new)
        with self._kunci(username, new), self.store.session(actor) as s:
            user = s.exec(select(Pengguna).where(Pengguna.username == username.strip().lower())).first()
            if user is None:
                raise UserError(f"Pengguna '{username}' tidak ditemukan.")
            user.password_hash = hash_password(new)
            user.gagal_masuk = 0
            user.terkunci_sampai = None
            s.add(user)
            log_event(s, actor, "reset_kata_sandi", "pengguna", user.id, f"kata sandi {user.username} diatur ulang")

    def _kunci(self, username: str, password: str) -> contextlib.AbstractContextManager[None]:
        """An encrypted database: the account's key-file entry follows its new password (``kunci_db``)."""
        return kunci_db.entri_akun(self.store.path, self.store.kunci, username, password)

    # ------------------------------------------------------------- security settings
    def _pengaturan(self, kunci: str, bawaan: int, lo: int, hi: int) -> int:
        with self.store.raw() as conn:
            return ringan.pengaturan(conn, kunci, bawaan, lo, hi)

    def kunci_menit(self) -> int:
        """Idle minutes before the app locks (0: never); the light start path reads the same SQL."""
        with self.store.raw() as conn:
            return ringan.kunci_menit(conn)

    def batas_baris_impor(self) -> int:
        """Data rows an Excel import reads per table before it refuses the file."""
        return self.batas_baris_tersimpan() or BATAS_BARIS_BAWAAN

    def batas_baris_tersimpan(self) -> int | None:
        """The row cap an Admin set in Pengaturan, or None (the reader's own default applies)."""
        value = self._pengaturan("batas_baris_impor", 0, BATAS_BARIS_MIN, BATAS_BARIS_MAKS)
        return value or None

    def atur_keamanan(self, actor: Actor, *, kunci_menit: int, batas_baris_impor: int) -> None:
        """Set the idle lock and the import row cap (Admin only; validated per field; logged)."""
        R.require(actor, R.AKUN_KELOLA)
        problems: dict[str, str] = {}
        if isinstance(kunci_menit, bool) or not isinstance(kunci_menit, int) or not 0 <= kunci_menit <= KUNCI_MENIT_MAKS:
            problems["kunci_menit"] = f"Kunci otomatis harus 0–{KUNCI_MENIT_MAKS} menit (0: tidak pernah)."
        if (isinstance(batas_baris_impor, bool) or not isinstance(batas_baris_impor, int)
                or not BATAS_BARIS_MIN <= batas_baris_impor <= BATAS_BARIS_MAKS):
            problems["batas_baris_impor"] = (f"Batas baris impor harus {BATAS_BARIS_MIN:,}–{BATAS_BARIS_MAKS:,} "
                                             "baris.").replace(",", ".")
        if problems:
            raise ValidationError(problems)
        now = utcnow()
        with self.store.session(actor) as s:
            for kunci, nilai in (("kunci_menit", kunci_menit), ("batas_baris_impor", batas_baris_impor)):
                row = s.get(PengaturanAkun, kunci) or PengaturanAkun(kunci=kunci)
                row.nilai, row.diubah_oleh, row.diubah_at = str(nilai), actor.username, now
                s.add(row)
            log_event(s, actor, "update", "pengaturan_akun", None,
                      f"kunci otomatis {kunci_menit} menit; batas baris impor {batas_baris_impor}")

    def hash_untuk_kunci(self, actor: Actor) -> dict[str, str]:
        """The password hashes of the active accounts, for their key-file entries when an Admin encrypts a
        plaintext database (``kunci_db.konversi``); Admin only."""
        R.require(actor, R.AKUN_KELOLA)
        with self.store.read() as s:
            return {u.username: u.password_hash for u in s.exec(select(Pengguna)) if u.aktif}

    def pulihkan_admin(self, username: str, new: str) -> None:
        """The recovery path (``ppid pulihkan-kunci``): the data key was unwrapped with the recovery key, so
        nobody is signed in; an Admin account gets a new password and key-file entry (logged)."""
        check_password(new)
        system = Actor(username="pemulihan", device_id=self.device.id, device_name=self.device.name,
                       roles=frozenset({R.ADMIN}))
        with self._kunci(username, new), self.store.session(system) as s:
            user = s.exec(select(Pengguna).where(Pengguna.username == username.strip().lower())).first()
            if user is None or R.ADMIN not in user.role_set():
                raise UserError(f"{username} bukan akun Admin di database ini.")
            user.password_hash = hash_password(new)
            user.gagal_masuk = 0
            user.terkunci_sampai = None
            user.aktif = True
            s.add(user)
            log_event(s, system, "reset_kata_sandi", "pengguna", user.id,
                      f"kata sandi {user.username} diatur ulang dengan kunci pemulihan")

    def audit(self, actor: Actor, dari: datetime | None = None, sampai: datetime | None = None) -> list[AuditLog]:
        """The audit log between two moments (Admin only), oldest first."""
        R.require(actor, R.AKUN_KELOLA)
        with self.store.read() as s:
            return A.between(s, dari, sampai)

    def periksa_audit(self, actor: Actor) -> A.HasilRantai:
        """Recompute the audit log's hash chain (Admin only)."""
        R.require(actor, R.AKUN_KELOLA)
        with self.store.engine.connect() as conn:
            return A.verify_chain(conn)

    def change_password(self, actor: Actor, username: str, old: str | None, new: str) -> None:
        check_password(new)
        if actor.username != username:
            R.require(actor, R.AKUN_KELOLA)
        with self._kunci(username, new), self.store.session(actor) as s:
            user = s.exec(select(Pengguna).where(Pengguna.username == username)).first()
            if user is None:
                raise UserError(f"Pengguna '{username}' tidak ditemukan.")
            if actor.username != username:
                R.require(actor, R.AKUN_KELOLA)
            else:
                if not _verify(user.password_hash, old or ""):
                    raise ValidationError({"password_lama": "Kata sandi lama salah."})
            user.password_hash = hash_password(new)
            s.add(user)
            log_event(s, actor, "update", "pengguna", user.id, "ganti kata sandi")

    def audit_terbaru(self, limit: int = 200) -> list[AuditLog]:
        """The newest entries of the audit log (for the Pengaturan page)."""
        with self.store.read() as s:
            return recent(s, limit)

    def set_roles(self, actor: Actor, username: str, roles: list[str], aktif: bool = True) -> None:
        R.require(actor, R.AKUN_KELOLA)
        if not roles or any(r not in R.ROLES for r in roles):
            raise ValidationError({"roles": "Pilih minimal satu peran yang dikenal."})
        with self.store.session(actor) as s:
            user = s.exec(select(Pengguna).where(Pengguna.username == username)).first()
            if user is None:
                raise UserError(f"Pengguna '{username}' tidak ditemukan.")
            if user.username == actor.username and (R.ADMIN not in roles or not aktif):
                raise UserError("Anda tidak dapat mencabut peran Admin atau menonaktifkan akun sendiri.")
            user.roles = ",".join(roles)
            user.aktif = aktif
            s.add(user)
            log_event(s, actor, "update", "pengguna", user.id, f"peran: {', '.join(roles)}; aktif={aktif}")
