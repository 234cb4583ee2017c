"""Wheel builds copy resources/, db/ and the guides in docs/*.md into ppid_desktop/_bundle so installed apps find them.

``ppid_desktop.core.paths`` looks for them in the source tree first, then in ``_bundle`` (wheel),
and in ``sys._MEIPASS`` for the frozen build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithBundle(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "ppid_desktop" / "_bundle"
        for name in ("resources", "db"):
            dest = target / name
            if dest.exists():
                shutil.rmtree(dest)
            shutil.copytree(ROOT / name, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "fixtures"))
        docs = target / "docs"  # the user guides (Bantuan › Panduan pengguna), without the screenshots
        if docs.exists():
            shutil.rmtree(docs)
        docs.mkdir(parents=True)
        for guide in (ROOT / "docs").glob("*.md"):
            shutil.copy2(guide, docs / guide.name)


setup(cmdclass={"build_py": BuildWithBundle})
