"""Evidence files: check they are readable, read capture time and GPS from photo EXIF (Pillow)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ppid_desktop.core.errors import UserError

MAX_BYTES = 50 * 1024 * 1024
FOTO_EXT = {".jpg", ".jpeg", ".png", ".heic", ".webp", ".tif", ".tiff"}
WIB = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class InfoBerkas:
    nama: str
    ukuran: int
    foto: bool
    diambil_at: datetime | None = None
    lat: float | None = None
    lon: float | None = None


def _ratio(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError, ZeroDivisionError):
        num, den = v
        return float(num) / float(den)


def _dms(values: Any, ref: str) -> float | None:
    try:
        d, m, s = (_ratio(x) for x in values)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    out = d + m / 60 + s / 3600
    return -out if ref in ("S", "W") else out


def exif_info(path: Path) -> tuple[datetime | None, float | None, float | None]:
    """(capture time, latitude, longitude) from a photo's EXIF; ``None`` where absent.

    EXIF times carry no zone unless OffsetTimeOriginal is present; without it they are read as WIB.
    """
    from PIL import Image

    taken = lat = lon = None
    try:
        with Image.open(path) as img:
            exif = img.getexif()
            sub = exif.get_ifd(0x8769)  # Exif IFD
            raw = sub.get(0x9003) or sub.get(0x9004) or exif.get(0x0132)
            offset = sub.get(0x9011)
            if raw:
                try:
                    t = datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
                    tz = WIB
                    if offset and len(str(offset)) >= 6:
                        sign = -1 if str(offset)[0] == "-" else 1
                        hh, mm = int(str(offset)[1:3]), int(str(offset)[4:6])
                        tz = timezone(sign * timedelta(hours=hh, minutes=mm))
                    taken = t.replace(tzinfo=tz).astimezone(UTC)
                except ValueError:
                    taken = None
            gps = exif.get_ifd(0x8825)
            if gps and 2 in gps and 4 in gps:
                lat = _dms(gps[2], str(gps.get(1, "N")))
                lon = _dms(gps[4], str(gps.get(3, "E")))
    except Exception:  # a damaged EXIF block must never stop the evidence from being stored
        return None, None, None
    return taken, lat, lon


def periksa_berkas(path: Path | str, jenis: str) -> InfoBerkas:
    """Refuse what is not a readable regular file (or not an image when ``jenis == 'foto'``)."""
    p = Path(path)
    if not p.exists():
        raise UserError(f"Berkas bukti '{p.name}' tidak ditemukan.")
    if not p.is_file():
        raise UserError(f"'{p.name}' bukan berkas (mungkin folder).")
    if not os.access(p, os.R_OK):
        raise UserError(f"Berkas bukti '{p.name}' tidak dapat dibaca (periksa izin berkas).")
    size = p.stat().st_size
    if size == 0:
        raise UserError(f"Berkas bukti '{p.name}' kosong (0 bita).")
    if size > MAX_BYTES:
        raise UserError(f"Berkas bukti '{p.name}' terlalu besar ({size / 1048576:.1f} MB; maksimal 50 MB).")
    try:
        with p.open("rb") as fh:
            fh.read(1)
    except OSError as exc:
        raise UserError(f"Berkas bukti '{p.name}' tidak dapat dibaca: {exc.strerror}.") from None
    is_photo = jenis == "foto" or p.suffix.lower() in FOTO_EXT
    if is_photo:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(p) as img:
                img.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            if jenis == "foto":
                raise UserError(f"Berkas '{p.name}' bukan foto yang dapat dibaca (JPEG/PNG).") from None
            is_photo = False
    taken = lat = lon = None
    if is_photo:
        taken, lat, lon = exif_info(p)
    return InfoBerkas(p.name, size, is_photo, taken, lat, lon)
