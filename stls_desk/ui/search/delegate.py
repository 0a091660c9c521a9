"""Draws a search hit from the model's escaped rich text: the title, then its matching words in bold."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from stls_desk.ui.search.model import HTML_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
_MARGIN = 3


def quiet_colour(text: QColor, base: QColor) -> QColor:
    """For a quieter line: the text colour 60% of the way from the background to the text."""
    return QColor(
        round(base.red() + (text.red() - base.red()) * 0.6),
        round(base.green() + (text.green() - base.green()) * 0.6),
        round(base.blue() + (text.blue() - base.blue()) * 0.6),
    )


class HitDelegate(QStyledItemDelegate):
    """Headings are drawn as usual; a hit row is its HTML_ROLE text, laid out by a QTextDocument.

    The HTML comes from the model, which escapes every piece of the log's text: nothing typed by a rep can
    become markup here.
    """

    def _document(self, option: QStyleOptionViewItem, html: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(_MARGIN)
        doc.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        if selected:
            detail = option.palette.color(group, QPalette.ColorRole.HighlightedText)
        else:
            detail = quiet_colour(
                option.palette.color(group, QPalette.ColorRole.Text),
                option.palette.color(group, QPalette.ColorRole.Base),
            )
        # The second line's colour depends on the row (selected or not), so the model's marker span gets it
        # inline; the model escapes the log's text, so that marker can only be the model's own.
        doc.setHtml(html.replace("<span class='detail'>", f"<span style='color: {detail.name()}'>"))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        html = index.data(HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        doc = self._document(opt, html)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(text_rect.translated(-text_rect.topLeft()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        html = index.data(HTML_ROLE)
        if not html:
            return super().sizeHint(option, index)
        # One or two lines, never wrapped: worked out from the font, not by laying out a document for each
        # of up to 200 rows each time the list is filled.
        lines = 2 if "<br>" in html else 1
        return QSize(option.rect.width(), option.fontMetrics.lineSpacing() * lines + 2 * _MARGIN + 2)
