"""Instrument editor: a tree (aspek → indikator → pertanyaan) and a detail form over the plain dict.

Saving validates the whole instrument; problems are listed and nothing is stored. Saving a published
version creates a new draft version (programmes keep the version they froze).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.akun import roles as R
from ppid_desktop.monev import instrumen as I
from ppid_desktop.monev.masukan import IsianInstrumen
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.operasi import operasi
from ppid_desktop.ui.widgets import FormFeedback, angka_bebas, gulung, info, show_error, wenang

PATH = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex



def _wrapped(text: str) -> QLabel:
    """A hint label that wraps instead of widening the window."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label

class DictTable(QAbstractTableModel):
    """An editable table over a list of dicts (bands, stages); edits go straight into the list."""

    def __init__(self, keys: list[tuple[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.keys = keys
        self.rows: list[dict[str, Any]] = []
        self.on_edit: Any = None

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.keys[section][1]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        key = self.keys[index.column()][0]
        v = self.rows[index.row()].get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if v is None:
                return ""
            return f"{v:g}".replace(".", ",") if isinstance(v, float | int) and not isinstance(v, bool) else str(v)
        if role == Qt.ItemDataRole.BackgroundRole and key == "warna" and v:
            c = QColor(str(v))
            return QBrush(c) if c.isValid() else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self.keys[index.column()][0]
        text = str(value).strip()
        if key in ("min", "max", "bobot"):
            try:
                self.rows[index.row()][key] = float(text.replace(",", ".")) if text else None
            except ValueError:
                self.rows[index.row()][key] = text  # kept as typed; validation names the problem
        else:
            self.rows[index.row()][key] = text
        self.dataChanged.emit(index, index)
        if self.on_edit:
            self.on_edit()
        return True

    def add(self, row: dict[str, Any]) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()

    def remove(self, i: int) -> None:
        if 0 <= i < len(self.rows):
            self.beginRemoveRows(QModelIndex(), i, i)
            del self.rows[i]
            self.endRemoveRows()


class InstrumenEditor(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: dict[str, Any] = {}
        self.instrumen_id: str | None = None
        self.dirty = False
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.versions = QListWidget()
        self.versions.setMaximumHeight(110)
        self.versions.currentRowChanged.connect(self._pick_version)
        top.addWidget(self.versions, 1)
        col = QVBoxLayout()
        self.btn_tpl = QPushButton(self.tr("Dari templat…"))
        self.btn_tpl.clicked.connect(self._from_template)
        self.btn_save = QPushButton(self.tr("Simpan"))
        self.btn_save.clicked.connect(self.save)
        self.btn_pub = QPushButton(self.tr("Terbitkan versi ini"))
        self.btn_pub.clicked.connect(self._publish)
        for b in (self.btn_tpl, self.btn_save, self.btn_pub):
            col.addWidget(b)
        top.addLayout(col)
        lay.addLayout(top)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Kode"), self.tr("Nama / pertanyaan"), self.tr("Bobot")])
        self.tree.currentItemChanged.connect(self._select)
        th = self.tree.header()  # the question text takes the room; code and weight as wide as their content
        th.setStretchLastSection(False)
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        th.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        ll.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.btn_add = QPushButton(self.tr("Tambah anak"))
        self.btn_add.clicked.connect(self._add_child)
        self.btn_del = QPushButton(self.tr("Hapus"))
        self.btn_del.clicked.connect(self._delete)
        row.addWidget(self.btn_add)
        row.addWidget(self.btn_del)
        ll.addLayout(row)
        split.addWidget(left)
        right = QWidget()
        self.form = QFormLayout(right)
        self.f_kode = QLineEdit()
        self.f_nama = QLineEdit()
        self.f_bobot = QLineEdit()
        self.f_jenis = QComboBox()
        for k, v in I.JENIS_JAWABAN.items():
            self.f_jenis.addItem(v, k)
        self.f_wajib = QCheckBox(self.tr("Wajib dijawab"))
        self.f_na = QCheckBox(self.tr("Boleh N/A"))
        self.f_bukti = QComboBox()
        for k, v in I.JENIS_BUKTI.items():
            self.f_bukti.addItem(v, k)
        self.f_bantuan = QPlainTextEdit()
        self.f_bantuan.setMaximumHeight(60)
        self.f_opsi = QPlainTextEdit()
        self.f_opsi.setPlaceholderText(self.tr("Pilihan: satu per baris 'label = skor'; Level: satu per baris kriteria level 1–5"))
        self.form.addRow(self.tr("Kode"), self.f_kode)
        self.form.addRow(self.tr("Nama / teks"), self.f_nama)
        self.form.addRow(self.tr("Bobot"), self.f_bobot)
        self.form.addRow(self.tr("Jenis jawaban"), self.f_jenis)
        self.form.addRow("", self.f_wajib)
        self.form.addRow("", self.f_na)
        self.form.addRow(self.tr("Bukti"), self.f_bukti)
        self.form.addRow(self.tr("Bantuan / definisi operasional"), self.f_bantuan)
        self.form.addRow(self.tr("Opsi / kriteria level"), self.f_opsi)
        self.btn_apply = QPushButton(self.tr("Terapkan ke pohon"))
        self.btn_apply.clicked.connect(self.apply_detail)
        self.form.addRow("", self.btn_apply)
        self.side = QTabWidget()
        # Both side tabs scroll inside themselves: the editor fits a 1366×768 screen under the demo banner.
        self.side.addTab(gulung(right), self.tr("Rincian"))
        self.side.addTab(gulung(self._bands_tab()), self.tr("Kategori dan tahap"))
        split.addWidget(self.side)
        split.setSizes([520, 460])
        lay.addWidget(split, 1)
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        # A role that may not manage instruments reads them: buttons disabled with the reason, fields read-only.
        self.boleh = wenang(ctx, R.MONEV_KELOLA, self.btn_tpl, self.btn_save, self.btn_pub, self.btn_add, self.btn_del,
                            self.btn_apply, self.btn_band_add, self.btn_band_del, self.btn_tahap_add, self.btn_tahap_del)
        if not self.boleh:
            for e in (self.f_kode, self.f_nama, self.f_bobot, self.f_bantuan, self.f_opsi):
                e.setReadOnly(True)
                e.setToolTip(self.btn_save.toolTip())
            for t in (self.band_table, self.tahap_table):
                t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refresh()

    def _bands_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(_wrapped(self.tr("Kategori/predikat: rentang [min, max), kategori teratas termasuk batas atasnya; "
                                       "harus menutup 0 sampai skala tanpa celah atau tumpang tindih.")))
        self.band_model = DictTable([("nama", self.tr("Kategori")), ("min", self.tr("Min")), ("max", self.tr("Maks")),
                                     ("warna", self.tr("Warna"))], self)
        self.band_model.on_edit = self._mark_dirty
        self.band_table = self._edit_table(self.band_model)
        lay.addWidget(self.band_table, 2)
        row = QHBoxLayout()
        self.btn_band_add = QPushButton(self.tr("Tambah kategori"))
        self.btn_band_add.clicked.connect(lambda: self._add_row(self.band_model, {"nama": "", "min": None, "max": None,
                                                                                  "warna": ""}))
        self.btn_band_del = QPushButton(self.tr("Hapus kategori"))
        self.btn_band_del.clicked.connect(lambda: self._del_row(self.band_table, self.band_model))
        row.addWidget(self.btn_band_add)
        row.addWidget(self.btn_band_del)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(_wrapped(self.tr("Bobot tahap (jumlah 100 %; sumber 'instrumen' = nilai instrumen, 'input' = "
                                       "diisi per sesi, mis. visitasi). Kosongkan tabel bila hanya satu tahap.")))
        self.tahap_model = DictTable([("kode", self.tr("Kode")), ("nama", self.tr("Tahap")), ("bobot", self.tr("Bobot %")),
                                      ("sumber", self.tr("Sumber"))], self)
        self.tahap_model.on_edit = self._mark_dirty
        self.tahap_table = self._edit_table(self.tahap_model)
        lay.addWidget(self.tahap_table, 1)
        row = QHBoxLayout()
        self.btn_tahap_add = QPushButton(self.tr("Tambah tahap"))
        self.btn_tahap_add.clicked.connect(lambda: self._add_row(self.tahap_model, {"kode": "", "nama": "", "bobot": None,
                                                                                    "sumber": "input"}))
        self.btn_tahap_del = QPushButton(self.tr("Hapus tahap"))
        self.btn_tahap_del.clicked.connect(lambda: self._del_row(self.tahap_table, self.tahap_model))
        self.btn_check = QPushButton(self.tr("Periksa"))
        self.btn_check.clicked.connect(self.check)
        for b in (self.btn_tahap_add, self.btn_tahap_del):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.btn_check)
        lay.addLayout(row)
        return w

    @staticmethod
    def _edit_table(model: DictTable) -> QTableView:
        t = QTableView()
        t.setModel(model)
        t.verticalHeader().hide()
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
        t.horizontalHeader().setStretchLastSection(True)
        return t

    def _add_row(self, model: DictTable, row: dict[str, Any]) -> None:
        self._ensure_data()
        model.add(row)
        self._mark_dirty()

    def _del_row(self, table: QTableView, model: DictTable) -> None:
        idx = table.currentIndex()
        if idx.isValid():
            model.remove(idx.row())
            self._mark_dirty()

    def _mark_dirty(self) -> None:
        self.dirty = True
        self.btn_pub.setEnabled(False)

    def _bind_tables(self) -> None:
        self.data.setdefault("band", [])
        self.data.setdefault("tahap", [])
        self.band_model.set_rows(self.data["band"])
        self.tahap_model.set_rows(self.data["tahap"])

    def check(self) -> list[Any]:
        """Validate the instrument being edited (bands, stage weights, tree) without saving."""
        problems = I.periksa(json.loads(json.dumps(self._payload(), default=str)))
        if problems:
            self.feedback.setText("\n".join(f"• {p}" for p in problems))
            self.feedback.show()
        else:
            self.feedback.clear_problems()
            self.ctx.status(self.tr("Instrumen valid"))
        return problems

    def _payload(self) -> dict[str, Any]:
        data = {k: v for k, v in self.data.items() if k not in ("id", "versi", "status")}
        if not data.get("tahap"):
            data.pop("tahap", None)
        return data

    def _ensure_data(self) -> None:
        if not self.data:
            self.data = {"kode": "instrumen-baru", "nama": "Instrumen baru", "jenis": "lain", "skala": 100,
                         "band": [{"nama": "Kurang", "min": 0, "max": 60}, {"nama": "Baik", "min": 60, "max": 100}],
                         "aspek": []}
            self._bind_tables()

    # ------------------------------------------------------------- versions
    def refresh(self) -> None:
        self.rows = self.ctx.services.monev.daftar_instrumen()
        self.versions.blockSignals(True)
        self.versions.clear()
        for r in self.rows:
            self.versions.addItem(f"{r.nama} — v{r.versi} ({r.status}, {r.jumlah_pertanyaan} pertanyaan)")
        self.versions.blockSignals(False)
        if self.rows and self.instrumen_id is None:
            self.versions.setCurrentRow(0)

    def _pick_version(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.load(self.rows[row].id)

    def load(self, instrumen_id: str) -> None:
        self.data = I.muat(self.ctx.services.store, instrumen_id)
        self.instrumen_id = instrumen_id
        note = self.tr("Versi terbit: menyimpan perubahan membuat versi baru (draf).") if self.data["status"] == "terbit" else ""
        self.status.setText(f"{self.data['nama']} · versi {self.data['versi']} · {self.data['status']}. {note}")
        self.btn_pub.setEnabled(self.data["status"] != "terbit" and self.boleh)
        self.dirty = False
        self._bind_tables()
        self._build_tree()

    def load_dict(self, data: dict[str, Any]) -> None:
        self.data = copy.deepcopy(data)
        self.instrumen_id = None
        self.status.setText(self.tr("{n} — belum disimpan").format(n=data.get("nama", "")))
        self.dirty = True
        self.btn_pub.setEnabled(False)
        self._bind_tables()
        self._build_tree()

    def _from_template(self) -> None:
        names = I.daftar_templat()
        label, ok = QInputDialog.getItem(self, self.tr("Templat"), self.tr("Pilih templat (TEMPLAT — sesuaikan)"),
                                         [f"{n} — {t}" for n, t in names], 0, False)
        if ok:
            self.load_dict(I.muat_templat(label.split(" — ")[0]))

    # ----------------------------------------------------------------- tree
    def _build_tree(self) -> None:
        self.tree.clear()
        for ai, a in enumerate(self.data.get("aspek", [])):
            ta = QTreeWidgetItem([a.get("kode", ""), a.get("nama", ""), angka_bebas(a.get("bobot"))])
            ta.setData(0, PATH, (ai,))
            self.tree.addTopLevelItem(ta)
            for ii, ind in enumerate(a.get("indikator", [])):
                ti = QTreeWidgetItem([ind.get("kode", ""), ind.get("nama", ""), angka_bebas(ind.get("bobot") or "")])
                ti.setData(0, PATH, (ai, ii))
                ta.addChild(ti)
                for qi, q in enumerate(ind.get("pertanyaan", [])):
                    tq = QTreeWidgetItem([q.get("kode", ""), q.get("teks", ""), angka_bebas(q.get("bobot", 1))])
                    tq.setData(0, PATH, (ai, ii, qi))
                    ti.addChild(tq)
        self.tree.expandToDepth(0)
        self.tree.resizeColumnToContents(0)

    def _node(self, path: tuple[int, ...]) -> dict[str, Any]:
        node = self.data["aspek"][path[0]]
        if len(path) > 1:
            node = node["indikator"][path[1]]
        if len(path) > 2:
            node = node["pertanyaan"][path[2]]
        return node

    def _select(self, item: QTreeWidgetItem | None, _prev: Any = None) -> None:
        if item is None:
            return
        path = item.data(0, PATH)
        node = self._node(path)
        is_q = len(path) == 3
        self.f_kode.setText(node.get("kode", ""))
        self.f_nama.setText(node.get("teks" if is_q else "nama", ""))
        b = node.get("bobot")
        self.f_bobot.setText("" if b is None else f"{b:g}" if isinstance(b, int | float) else str(b))
        for w in (self.f_jenis, self.f_wajib, self.f_na, self.f_bukti):
            w.setEnabled(is_q and self.boleh)
        for e in (self.f_bantuan, self.f_opsi):
            e.setEnabled(is_q)
        if is_q:
            self.f_jenis.setCurrentIndex(max(0, self.f_jenis.findData(node.get("jenis", "ya_tidak"))))
            self.f_wajib.setChecked(bool(node.get("wajib", True)))
            self.f_na.setChecked(bool(node.get("boleh_na", False)))
            self.f_bukti.setCurrentIndex(max(0, self.f_bukti.findData(node.get("bukti", ""))))
            self.f_bantuan.setPlainText(node.get("bantuan", ""))
            if node.get("jenis") == "pilihan":
                self.f_opsi.setPlainText("\n".join(f"{o['label']} = {o['skor']:g}" for o in node.get("opsi", [])))
            elif node.get("jenis") == "level":
                self.f_opsi.setPlainText("\n".join(lv["kriteria"] for lv in node.get("level", [])))
            else:
                self.f_opsi.setPlainText("")

    def apply_detail(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        path = item.data(0, PATH)
        node = self._node(path)
        is_q = len(path) == 3
        node["kode"] = self.f_kode.text().strip()
        node["teks" if is_q else "nama"] = self.f_nama.text().strip()
        node["bobot"] = self.f_bobot.text().strip().replace(",", ".") or None
        if is_q:
            node["jenis"] = self.f_jenis.currentData()
            node["wajib"] = self.f_wajib.isChecked()
            node["boleh_na"] = self.f_na.isChecked()
            node["bukti"] = self.f_bukti.currentData()
            node["bantuan"] = self.f_bantuan.toPlainText().strip()
            lines = [ln.strip() for ln in self.f_opsi.toPlainText().splitlines() if ln.strip()]
            if node["jenis"] == "pilihan":
                opsi = []
                for i, ln in enumerate(lines, 1):
                    label, _, skor = ln.rpartition("=")
                    opsi.append({"kode": str(i), "label": (label or ln).strip(), "skor": skor.strip()})
                node["opsi"] = opsi
            elif node["jenis"] == "level":
                node["level"] = [{"level": i, "kriteria": ln} for i, ln in enumerate(lines, 1)]
        self._mark_dirty()
        item.setText(0, node["kode"])
        item.setText(1, node.get("teks" if is_q else "nama", ""))
        item.setText(2, angka_bebas(node.get("bobot") or ""))

    def _add_child(self) -> None:
        item = self.tree.currentItem()
        self._ensure_data()
        self._mark_dirty()
        path = item.data(0, PATH) if item else ()
        if len(path) == 0:
            self.data["aspek"].append({"kode": f"A{len(self.data['aspek']) + 1}", "nama": "Aspek baru", "bobot": 0,
                                       "indikator": []})
        elif len(path) == 1:
            a = self._node(path)
            a["indikator"].append({"kode": f"{a['kode']}.{len(a['indikator']) + 1}", "nama": "Indikator baru",
                                   "pertanyaan": []})
        else:
            ind = self._node(path[:2])
            ind["pertanyaan"].append({"kode": f"{ind['kode']}.{len(ind['pertanyaan']) + 1}", "teks": "Pertanyaan baru",
                                      "jenis": "ya_tidak"})
        self._build_tree()

    def _delete(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        path = item.data(0, PATH)
        if len(path) == 1:
            del self.data["aspek"][path[0]]
        elif len(path) == 2:
            del self.data["aspek"][path[0]]["indikator"][path[1]]
        else:
            del self.data["aspek"][path[0]]["indikator"][path[1]]["pertanyaan"][path[2]]
        self._mark_dirty()
        self._build_tree()

    # ----------------------------------------------------------------- save
    def save(self) -> bool:
        """Save the edited instrument as a new draft version (through the one operation wrapper; an invalid
        instrument lists its problems under the editor). Returns whether it was saved by the time the job was
        handed over (always known with the synchronous runner of the tests)."""
        data = json.loads(json.dumps(self._payload(), default=str))
        m, actor = self.ctx.services.monev, self.ctx.actor
        saved: list[Any] = []

        def done(row: Any) -> None:
            saved.append(row)
            self.instrumen_id = None
            self.refresh()
            self.load(row.id)
            self.ctx.status(self.tr("Instrumen tersimpan sebagai versi {v} (draf)").format(v=row.versi))

        operasi(self.ctx, lambda: m.simpan_instrumen(actor, IsianInstrumen.dari_dict(data)), rooms={"monev"}, parent=self,
                feedback=self.feedback, on_done=done)
        return bool(saved)

    def _publish(self) -> None:
        if not self.instrumen_id:
            return
        if self.dirty:
            show_error(self, self.tr("Ada perubahan yang belum disimpan. Simpan (dan periksa) dahulu sebelum menerbitkan."))
            return
        m, actor, keep = self.ctx.services.monev, self.ctx.actor, self.instrumen_id

        def done(_row: Any) -> None:
            self.refresh()
            self.load(keep)
            info(self, self.tr("Versi ini diterbitkan dan dapat dipakai program monev."))

        operasi(self.ctx, lambda: m.terbitkan(actor, keep), rooms={"monev"}, title=self.tr("Menerbitkan…"),
                parent=self, on_done=done)
