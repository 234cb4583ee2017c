"""The stored explanation of a deadline (``tenggat_rincian``), kept compact.

The explanation lists every day skipped between the start and the deadline with its reason; most of
them are weekends, which the dates alone give back. Stored form (JSON)::

    {"k": 1, "awal": {"m": "2026-03-16", "n": 10, "t": "2026-04-07", "v": "7172…",
                      "x": [["2026-03-18", "Cuti bersama: …"], …], "w": ["2026-03-21"]},
     "perpanjangan": null}

``x`` = the skipped weekdays with their reason, ``w`` = weekend days that were working days (none in
most years). Every Saturday and Sunday between start and deadline not in ``w`` was skipped as
"Akhir pekan". ``unpack`` gives back exactly ``Tenggat.to_dict()`` of each part (what the service and
the documents read); a full, older explanation is returned as it is. About a quarter of the size.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from ppid_desktop.core.tanggal import HARI
from ppid_desktop.layanan import rules as RU  # noqa: N812

_WEEKEND = (5, 6)


def _akhir_pekan(d: date) -> str:
    return f"Akhir pekan ({HARI[d.weekday()]})"  # the reason WorkCalendar.reason_closed gives


def _pack_part(part: dict[str, Any] | None) -> dict[str, Any] | None:
    if not part:
        return None
    skipped = {x["tanggal"]: x["alasan"] for x in part.get("hari_dilewati", [])}
    start, end = date.fromisoformat(part["mulai"]), date.fromisoformat(part["tenggat"])
    x: list[list[str]] = []
    w: list[str] = []
    d = start + timedelta(days=1)
    while d <= end:
        iso = d.isoformat()
        if d.weekday() in _WEEKEND:
            if iso not in skipped:
                w.append(iso)
            elif skipped[iso] != _akhir_pekan(d):
                x.append([iso, skipped[iso]])  # a weekend that is also a holiday keeps its own reason
        elif iso in skipped:
            x.append([iso, skipped[iso]])
        d += timedelta(days=1)
    out: dict[str, Any] = {"m": part["mulai"], "n": part["hari_kerja"], "t": part["tenggat"],
                           "v": part.get("versi_kalender", "")}
    if x:
        out["x"] = x
    if w:
        out["w"] = w
    return out


def _unpack_part(part: dict[str, Any] | None) -> dict[str, Any] | None:
    if not part:
        return None
    start, end = date.fromisoformat(part["m"]), date.fromisoformat(part["t"])
    other = {iso: why for iso, why in part.get("x", [])}
    working = set(part.get("w", []))
    days: list[dict[str, str]] = []
    d = start + timedelta(days=1)
    while d <= end:
        iso = d.isoformat()
        if iso in other:
            days.append({"tanggal": iso, "alasan": other[iso]})
        elif d.weekday() in _WEEKEND and iso not in working:
            days.append({"tanggal": iso, "alasan": _akhir_pekan(d)})
        d += timedelta(days=1)
    return {"mulai": part["m"], "hari_kerja": part["n"], "tenggat": part["t"], "hari_dilewati": days,
            "versi_kalender": part["v"]}


def pack(rincian: dict[str, Any]) -> str:
    """``{"awal": Tenggat.to_dict(), "perpanjangan": … | None}`` → compact JSON text."""
    return json.dumps({"k": 1, **{k: _pack_part(v) for k, v in rincian.items()}}, ensure_ascii=False,
                      separators=(",", ":"))


def pack_one(tenggat: dict[str, Any]) -> str:
    """A single ``Tenggat.to_dict()`` (keberatan) → compact JSON text."""
    return json.dumps({"k": 1, "satu": _pack_part(tenggat)}, ensure_ascii=False, separators=(",", ":"))


def unpack(text: str) -> dict[str, Any]:
    """Stored text (compact or the first release's full JSON) → the full explanation; {} when unreadable."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    if data.get("k") != 1:
        return data
    if "satu" in data:
        return _unpack_part(data["satu"]) or {}
    return {k: _unpack_part(v) for k, v in data.items() if k != "k"}


# --- form 2: relative to the request's own columns ------------------------------------------------------
# A request's explanation repeats its row: ``awal`` starts at ``tanggal_diterima``, counts
# ``HK_PEMBERITAHUAN`` working days and ends at ``tenggat``; ``perpanjangan`` starts at ``tenggat``, counts
# ``HK_PERPANJANGAN`` and ends at ``tenggat_perpanjangan``; both under ``versi_kalender``. Form 2 keeps
# only what the row does not give: the skipped weekdays with their reason (``x``) and the working
# weekend days (``w``) of each part — ``{"k":2}`` when there are none (most requests), about 100 bytes
# less per request than form 1. A part whose start, length, end or version differ from the row's keeps
# form 1 (the whole text), so nothing is ever guessed on the way back.
_PARTS2 = (("awal", "a"), ("perpanjangan", "p"))


def _expected(row: dict[str, Any]) -> dict[str, tuple[str, int, str, str] | None]:
    """The (start, working days, end, version) each part must have to be stored relative to ``row``
    (ISO dates or ``date`` objects for tanggal_diterima, tenggat, tenggat_perpanjangan)."""
    def iso(v: Any) -> str:
        return v if isinstance(v, str) else v.isoformat()

    versi = row.get("versi_kalender") or ""
    awal = (iso(row["tanggal_diterima"]), RU.HK_PEMBERITAHUAN, iso(row["tenggat"]), versi)
    tp = row.get("tenggat_perpanjangan")
    return {"awal": awal, "perpanjangan": (iso(row["tenggat"]), RU.HK_PERPANJANGAN, iso(tp), versi) if tp else None}


def pack_row(rincian: dict[str, Any], row: dict[str, Any]) -> str:
    """``{"awal": …, "perpanjangan": …}`` of a request whose deadline columns are ``row`` → form 2 when
    every part matches the row (see above), else form 1 (:func:`pack`)."""
    want = _expected(row)
    out: dict[str, Any] = {"k": 2}
    if set(rincian) != {"awal", "perpanjangan"}:
        return pack(rincian)
    for name, short in _PARTS2:
        part, exp = rincian.get(name), want[name]
        if not part or exp is None:
            if bool(part) != (exp is not None):
                return pack(rincian)
            continue
        small = _pack_part(part)
        assert small is not None
        if (small["m"], small["n"], small["t"], small["v"]) != exp:
            return pack(rincian)
        extra = {k: small[k] for k in ("x", "w") if k in small}
        if extra:
            out[short] = extra
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def to_form2(text: str, row: dict[str, Any]) -> str:
    """A stored request explanation (any form) rewritten in form 2 when it matches ``row`` (migration
    0020); unreadable or non-matching text is returned unchanged."""
    full = unpack(text)
    if not full or set(full) != {"awal", "perpanjangan"}:
        return text
    packed = pack_row(full, row)
    return packed if packed.startswith('{"k":2') else text


def unpack_row(text: str, row: dict[str, Any]) -> dict[str, Any]:
    """Stored text of a request (form 1, 2 or the first release's full JSON) → the full explanation;
    ``row`` gives the request's deadline columns (form 2). {} when unreadable."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("k") != 2:
        return unpack(text)
    out: dict[str, Any] = {}
    for (name, short), exp in zip(_PARTS2, _expected(row).values(), strict=True):
        if exp is None:
            out[name] = None
            continue
        m, n, t, v = exp
        out[name] = _unpack_part({"m": m, "n": n, "t": t, "v": v, **(data.get(short) or {})})
    return out
