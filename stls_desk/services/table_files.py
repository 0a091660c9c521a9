"""Reading a spreadsheet: a CSV or .xlsx file into numbered rows, and a cell into a typed value.

CSV files may be UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode text") or
Windows-1252, with commas, semicolons or tabs between cells; quoted cells may hold new lines. Line numbers
are the file's own (a quoted cell spanning lines counts them all), so a rep can find the line named in a
problem; in a workbook they are the sheet's row numbers. Dates as 2024-06-01, 01/06/2024 (day first, as
in the UK) or 1 June 2024; yes/no as Yes/No, Y/N, True/False, 1/0.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from stls_desk.services.core import ServiceError
from stls_desk.services.tables import NAME_SEPARATOR, Column, Kind, restore, xlsx_unescape

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%H.%M")
TRUE = {"yes", "y", "true", "1", "x", "✓"}
FALSE = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong: the file's line (or spreadsheet row), the column's header, and what to fix."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"line {self.line}, {self.field}: {self.message}"
            if self.field
            else f"line {self.line}: {self.message}"
        )


@dataclass(frozen=True)
class SourceRow:
    line: int
    cells: tuple[object, ...]


class ImportRefused(ServiceError):
    """Nothing was imported; `problems` lists why, one line each."""

    def __init__(self, message: str, problems: tuple[ImportProblem, ...]) -> None:
        super().__init__(message)
        self.problems = problems


# --- reading the file ---------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as exc:
            raise ImportRefused(
                f"The file says it is UTF-8 but byte {exc.start + 3} is not; save it again as CSV UTF-8.", ()
            ) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data[:4096]:
        raise ImportRefused("This is not a spreadsheet: it is not a text file.", ())
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> tuple[str, list[SourceRow]]:
    text, encoding = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[SourceRow] = []
    line = 1
    try:
        for cells in reader:
            rows.append(SourceRow(line, tuple(cells)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportRefused(
            f"Line {line} cannot be read as CSV ({exc}).",
            (ImportProblem(line, "", f"cannot be read ({exc})"),),
        ) from exc
    return encoding, rows


def _read_xlsx(path: Path) -> tuple[str, list[SourceRow]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a broken file
        raise ImportRefused(f"{path.name} cannot be read as an Excel workbook ({exc}).", ()) from exc
    try:
        sheet = book.worksheets[0]
        rows = [
            SourceRow(n, tuple(xlsx_unescape(v) if isinstance(v, str) else v for v in values))
            for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    return "Excel workbook", rows


def read_rows(path: Path) -> tuple[str, list[SourceRow]]:
    """The file's non-blank rows with their line numbers, and how it was read (its encoding)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"Cannot read {path}: {exc.strerror or exc}.", ()) from exc
    encoding, rows = _read_xlsx(path) if data.startswith(b"PK\x03\x04") else _read_csv(data)
    return encoding, [r for r in rows if any(blank(c) is False for c in r.cells)]


def blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().casefold()).rstrip(" *:")


# --- cells --------------------------------------------------------------------------------------------


def plain_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "Yes" if cell else "No"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="minutes")
    if isinstance(cell, date):
        return cell.isoformat()
    return restore(str(cell))


def parse_date(cell: object) -> date | None:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = plain_text(cell).strip()
    if not text:
        return None
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date; write it as 2024-06-01 or 01/06/2024")


def parse_datetime(cell: object) -> datetime | None:
    if isinstance(cell, datetime):
        return cell
    if isinstance(cell, date):
        return datetime(cell.year, cell.month, cell.day)
    text = plain_text(cell).strip()
    if not text:
        return None
    day, _, clock = text.replace("T", " ").partition(" ")
    on = parse_date(day)
    assert on is not None
    if not clock.strip():
        return datetime(on.year, on.month, on.day)
    for fmt in TIME_FORMATS:
        try:
            moment = datetime.strptime(clock.strip(), fmt)
            return datetime(on.year, on.month, on.day, moment.hour, moment.minute, moment.second)
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date and time; write it as 2024-06-01 14:30")


def parse_enum(cell: object, kind: type[StrEnum]) -> StrEnum | None:
    text = norm(plain_text(cell))
    if not text:
        return None
    for member in kind:
        if text in (norm(member.value), norm(str(getattr(member, "label", member.value)))):
            return member
    choices = ", ".join(str(getattr(m, "label", m.value)) for m in kind)
    raise ValueError(f"{plain_text(cell).strip()!r} is not one of: {choices}")


def parse_bool(cell: object) -> bool:
    if isinstance(cell, bool):
        return cell
    text = plain_text(cell).strip().casefold()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"{plain_text(cell).strip()!r} is not yes or no")


def parse_cell(cell: object, column: Column) -> object:
    """A cell as the column's type; ValueError with a rep-readable message if it is not one."""
    if column.kind is Kind.DATE:
        return parse_date(cell)
    if column.kind is Kind.DATETIME:
        return parse_datetime(cell)
    if column.kind is Kind.ENUM:
        assert column.enum is not None
        return parse_enum(cell, column.enum)
    if column.kind is Kind.BOOL:
        return parse_bool(cell)
    if column.kind is Kind.NAMES:
        return [n.strip() for n in plain_text(cell).split(NAME_SEPARATOR.strip()) if n.strip()]
    return plain_text(cell)
