"""Autogenerate an Alembic revision against a scratch database at the current head."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from ppid_desktop.core.db import alembic_config


def main() -> int:
    message = sys.argv[1] if len(sys.argv) > 1 else "schema change"
    rev_id = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scratch.sqlite'}"
        cfg = alembic_config(url)
        command.upgrade(cfg, "head")
        command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
