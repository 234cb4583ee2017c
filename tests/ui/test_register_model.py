"""The lazy register model on its worker threads: first screen, then the count; stale results dropped;
one load per user action; qtmodeltester on the loaded model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ppid_desktop import demo
from ppid_desktop.layanan.queries import PermohonanSource, RegisterFilter
from ppid_desktop.services import Services
from ppid_desktop.ui.layanan.page import PERMOHONAN_KOLOM
from ppid_desktop.ui.models.lazy import LazySqlTableModel
from tests.conftest import TEST_DEVICE

TODAY = date(2026, 6, 15)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Services:
    db: Path = tmp_path_factory.mktemp("model") / "demo.sqlite"
    svc = Services.open(db, device=TEST_DEVICE)
    demo.fill(svc, svc.system(), demo.DemoOptions(permohonan=1200, today=TODAY))
    yield svc
    svc.close()


class Counting(PermohonanSource):
    """Counts first-page queries (each is one reload)."""

    firsts = 0

    def page(self, after=None, limit=200, *, backward=False, conn=None):  # type: ignore[no-untyped-def]
        if after is None:
            type(self).firsts += 1
        return super().page(after, limit, backward=backward, conn=conn)


def _model(app: Services, **kw: object) -> LazySqlTableModel:
    Counting.firsts = 0
    src = Counting(None, RegisterFilter(hari_ini=TODAY))
    return LazySqlTableModel(src, PERMOHONAN_KOLOM, store=app.store, page_size=100, **kw)  # type: ignore[arg-type]


def test_first_screen_then_count_off_the_gui_thread(qtbot, qtmodeltester, app: Services) -> None:
    model = _model(app)
    assert model.rowCount() == 0  # nothing loads before reload()
    with qtbot.waitSignal(model.counted, timeout=20000) as blocker:
        model.reload()
        assert model.rowCount() == 0  # the query runs on a worker; the GUI thread did not wait
    assert blocker.args == [1200] and model.rowCount() == 1200 and model.total == 1200
    first = model.index(0, 0).data()
    assert first  # page 0 came with the first screen
    # a row far down is not loaded yet: empty now, filled by dataChanged when its page arrives
    assert model.index(1100, 0).data() is None
    qtbot.waitUntil(lambda: model.index(1100, 0).data() is not None, timeout=20000)
    # the next page by keyset from the one above
    qtbot.waitUntil(lambda: model.index(150, 0).data() is not None, timeout=20000)
    model.wait()
    qtbot.waitUntil(lambda: not model._pending, timeout=20000)
    qtmodeltester.check(model)


def test_one_reload_per_action_and_stale_results_are_dropped(qtbot, app: Services) -> None:
    model = _model(app)
    model.sort(1, Qt.SortOrder.DescendingOrder)  # setting up the view: no query
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert Counting.firsts == 0
    model.sort(1, Qt.SortOrder.DescendingOrder)
    with qtbot.waitSignal(model.counted, timeout=20000):
        model.reload()
        model.reload()  # the same filter and sort while the first page is on its way: the same load
    assert Counting.firsts == 1
    model.sort(1, Qt.SortOrder.DescendingOrder)  # the order in force: nothing to do
    assert Counting.firsts == 1
    # two quick filters: only the last one's rows are ever shown
    gen = model.generation
    with qtbot.waitSignal(model.counted, timeout=20000) as blocker:
        model.set_filter(RegisterFilter(status=("selesai",), hari_ini=TODAY))
        model.set_filter(RegisterFilter(saluran="email", hari_ini=TODAY))
    assert model.generation == gen + 2
    model.wait()
    qtbot.wait(50)  # let any queued result of the first filter arrive (and be dropped)
    email = PermohonanSource(None, RegisterFilter(saluran="email", hari_ini=TODAY))
    with app.store.raw() as conn:
        n = email.count(conn=conn)
    assert blocker.args == [n] and model.rowCount() == n
    assert {model.row_data(i)["saluran"] for i in range(min(n, 100))} == {"email"}


def test_register_page_opens_with_one_load_per_register(qtbot, app: Services) -> None:
    from ppid_desktop.core.actor import Actor
    from ppid_desktop.ui.context import AppContext
    from ppid_desktop.ui.layanan.page import LayananPage
    from ppid_desktop.ui.tasks import TaskRunner

    admin = Actor(username="admin", device_id=TEST_DEVICE.id, device_name=TEST_DEVICE.name,
                  roles=frozenset({"Admin"}), nama="Admin")
    ctx = AppContext(services=app, actor=admin, tasks=TaskRunner())
    app.layanan.clock = lambda: TODAY
    page = LayananPage(ctx)
    qtbot.addWidget(page)
    gens = (page.permohonan.model.generation, page.keberatan.model.generation)
    page.refresh()  # what the main window does when it shows the page
    assert (page.permohonan.model.generation, page.keberatan.model.generation) == gens == (1, 1)
    qtbot.waitUntil(lambda: page.permohonan.model.total == 1200, timeout=20000)
    assert "1.200 baris" in page.permohonan.count.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen tooltip window
def test_a_cut_cell_shows_its_whole_text_as_tooltip(qtbot, app: Services) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QTableView, QToolTip

    from ppid_desktop.ui.models.lazy import tooltip_bila_terpotong

    model = _model(app)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1200, 400)
    view.show()
    with qtbot.waitSignal(model.counted, timeout=20000):
        model.reload()
    col = [k.key for k in PERMOHONAN_KOLOM].index("rincian")
    idx = model.index(0, col)
    teks = idx.data()
    assert len(teks) > 20
    assert idx.data(Qt.ItemDataRole.ToolTipRole) == teks  # no view told the model its widths: always the text
    tooltip_bila_terpotong(view)
    view.setColumnWidth(col, view.fontMetrics().horizontalAdvance(teks) + 40)
    assert idx.data(Qt.ItemDataRole.ToolTipRole) is None  # shown whole: no tooltip
    view.setColumnWidth(col, 60)
    assert idx.data(Qt.ItemDataRole.ToolTipRole) == teks  # cut: the whole text
    # the view really shows it on hover
    rect = view.visualRect(idx)
    pos = rect.center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(lambda: QToolTip.isVisible() and QToolTip.text() == teks, timeout=5000)
    QToolTip.hideText()
