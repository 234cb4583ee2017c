"""Instrument editor: a tree (aspek → indikator → pertanyaan) and a detail form over the plain dict.

Saving validates the whole instrument; problems are listed and nothing is stored. Saving a published
version creates a new draft version (programmes keep the version they froze).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ppid_desktop.core.errors import UserError
from ppid_desktop.monev import instrumen as I
from ppid_desktop.ui.context import AppContext
from ppid_desktop.ui.widgets import FormFeedback, info, show_error

PATH = Qt.ItemDataRole.UserRole + 1


class InstrumenEditor(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: dict[str, Any] = {}
        self.instrumen_id: str | None = None
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
        lay.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Kode"), self.tr("Nama / pertanyaan"), self.tr("Bobot")])
        self.tree.currentItemChanged.connect(self._select)
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
        split.addWidget(right)
        split.setSizes([520, 420])
        lay.addWidget(split, 1)
        self.feedback = FormFeedback()
        lay.addWidget(self.feedback)
        self.refresh()

    # ------------------------------------------------------------- versions
    def refresh(self) -> None:
        self.rows = self.ctx.services.monev.list_instrumen()
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
        self.data = I.load(self.ctx.services.store, instrumen_id)
        self.instrumen_id = instrumen_id
        note = self.tr("Versi terbit: menyimpan perubahan membuat versi baru (draf).") if self.data["status"] == "terbit" else ""
        self.status.setText(f"{self.data['nama']} · versi {self.data['versi']} · {self.data['status']}. {note}")
        self.btn_pub.setEnabled(self.data["status"] != "terbit")
        self._build_tree()

    def load_dict(self, data: dict[str, Any]) -> None:
        self.data = copy.deepcopy(data)
        self.instrumen_id = None
        self.status.setText(self.tr("{n} — belum disimpan").format(n=data.get("nama", "")))
        self._build_tree()

    def _from_template(self) -> None:
        names = I.templates()
        label, ok = QInputDialog.getItem(self, self.tr("Templat"), self.tr("Pilih templat (TEMPLAT — sesuaikan)"),
                                         [f"{n} — {t}" for n, t in names], 0, False)
        if ok:
            self.load_dict(I.load_template(label.split(" — ")[0]))

    # ----------------------------------------------------------------- tree
    def _build_tree(self) -> None:
        self.tree.clear()
        for ai, a in enumerate(self.data.get("aspek", [])):
            ta = QTreeWidgetItem([a.get("kode", ""), a.get("nama", ""), str(a.get("bobot", ""))])
            ta.setData(0, PATH, (ai,))
            self.tree.addTopLevelItem(ta)
            for ii, ind in enumerate(a.get("indikator", [])):
                ti = QTreeWidgetItem([ind.get("kode", ""), ind.get("nama", ""), str(ind.get("bobot", "") or "")])
                ti.setData(0, PATH, (ai, ii))
                ta.addChild(ti)
                for qi, q in enumerate(ind.get("pertanyaan", [])):
                    tq = QTreeWidgetItem([q.get("kode", ""), q.get("teks", ""), str(q.get("bobot", 1))])
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
        for w in (self.f_jenis, self.f_wajib, self.f_na, self.f_bukti, self.f_bantuan, self.f_opsi):
            w.setEnabled(is_q)
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
        item.setText(0, node["kode"])
        item.setText(1, node.get("teks" if is_q else "nama", ""))
        item.setText(2, str(node.get("bobot") or ""))

    def _add_child(self) -> None:
        item = self.tree.currentItem()
        if not self.data:
            self.data = {"kode": "instrumen-baru", "nama": "Instrumen baru", "jenis": "lain", "skala": 100,
                         "band": [{"nama": "Kurang", "min": 0, "max": 60}, {"nama": "Baik", "min": 60, "max": 100}],
                         "aspek": []}
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
        self._build_tree()

    # ----------------------------------------------------------------- save
    def save(self) -> bool:
        self.feedback.clear_problems()
        data = {k: v for k, v in self.data.items() if k not in ("id", "versi", "status")}
        try:
            row = self.ctx.services.monev.save_instrumen(self.ctx.actor, json.loads(json.dumps(data)))
        except I.InstrumenTidakValid as exc:
            self.feedback.setText("\n".join(f"• {p}" for p in exc.problems))
            self.feedback.show()
            return False
        except UserError as exc:
            show_error(self, exc)
            return False
        self.instrumen_id = None
        self.refresh()
        self.load(row.id)
        self.ctx.status(self.tr("Instrumen tersimpan sebagai versi {v} (draf)").format(v=row.versi))
        return True

    def _publish(self) -> None:
        if not self.instrumen_id:
            return
        try:
            self.ctx.services.monev.terbitkan(self.ctx.actor, self.instrumen_id)
        except UserError as exc:
            show_error(self, exc)
            return
        keep = self.instrumen_id
        self.refresh()
        self.load(keep)
        info(self, self.tr("Versi ini diterbitkan dan dapat dipakai program monev."))
