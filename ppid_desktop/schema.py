"""Model registry: importing this module registers every table on ``SQLModel.metadata``.

Each room with tables adds its models module here (one line), so ``create_all`` and Alembic's
autogenerate see the whole schema.
"""

from sqlmodel import SQLModel

from ppid_desktop.akun import models as _akun  # noqa: F401
from ppid_desktop.core import audit as _audit  # noqa: F401
from ppid_desktop.core import kalender as _kalender  # noqa: F401
from ppid_desktop.core import penomoran as _penomoran  # noqa: F401
from ppid_desktop.layanan import models as _layanan  # noqa: F401
from ppid_desktop.master import models as _master  # noqa: F401
from ppid_desktop.monev import models as _monev  # noqa: F401
from ppid_desktop.naskah import models as _naskah  # noqa: F401
from ppid_desktop.rekap import models as _rekap  # noqa: F401
from ppid_desktop.sinkron import models as _sinkron  # noqa: F401

metadata = SQLModel.metadata
