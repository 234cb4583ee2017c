"""This installation's device identity (id and name), kept in the user data folder."""

from __future__ import annotations

import contextlib
import json
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

from ppid_desktop.core.paths import data_dir


@dataclass(frozen=True)
class Device:
    id: str
    name: str


def load_device(folder: Path | None = None) -> Device:
    path = (folder or data_dir()) / "perangkat.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Device(id=str(raw["id"]), name=str(raw.get("name") or socket.gethostname()))
    except (OSError, ValueError, KeyError):
        device = Device(id=str(uuid.uuid4()), name=socket.gethostname() or "laptop")
        # A read-only data folder still gets an (ephemeral) id.
        with contextlib.suppress(OSError):
            path.write_text(json.dumps({"id": device.id, "name": device.name}), encoding="utf-8")
        return device


def rename_device(name: str, folder: Path | None = None) -> Device:
    current = load_device(folder)
    device = Device(id=current.id, name=name.strip() or current.name)
    ((folder or data_dir()) / "perangkat.json").write_text(
        json.dumps({"id": device.id, "name": device.name}), encoding="utf-8"
    )
    return device
