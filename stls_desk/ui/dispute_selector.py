"""The toolbar's choice of dispute: every tab shows the dispute chosen here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from stls_desk.domain.enums import DisputeStatus

if TYPE_CHECKING:
    from stls_desk.services.disputes import DisputeRow


class DisputeSelector(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disputeSelector")
        self.setAccessibleName(self.tr("Dispute"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(30)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_disputes(self, disputes: Sequence[DisputeRow], keep: int | None = None) -> None:
        """List the disputes (active first, as the service orders them), keeping `keep` chosen if listed.

        Emits no signal: the window applies the choice itself once the list is in place.
        """
        self.blockSignals(True)
        try:
            self.clear()
            for d in disputes:
                text = f"{d.title} — {d.employer}" if d.employer else d.title
                if d.status != DisputeStatus.ACTIVE:
                    text += f" ({d.status.label.lower()})"
                self.addItem(text, d.id)
            index = self.findData(keep) if keep is not None else -1
            self.setCurrentIndex(index if index >= 0 else (0 if disputes else -1))
        finally:
            self.blockSignals(False)
        self.setEnabled(bool(disputes))

    def current_dispute_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def select_dispute(self, dispute_id: int) -> bool:
        """Choose a dispute (emitting currentIndexChanged if it changes); False if it is not listed."""
        index = self.findData(dispute_id)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0
