"""`stls-desk export pdf`: the members' pack by default, one-line errors for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from stls_desk.cli import main


def test_export_pdf_writes_the_members_pack_by_default(demo_log_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "stls_desk", "export", "pdf", str(demo_log_file), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "members' pack" in done.stdout
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Member A" in text


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2025-02-30"], "is not a date"),
        (["--from", "2025-03-01", "--to", "2025-02-01"], "swap them"),
        (["--sections", "grievances,gossip"], "gossip is not a section"),
        (["--audience", "press"], "invalid choice"),
        (["--dispute", "Pay"], "No dispute"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    demo_log_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    code = main(["export", "pdf", str(demo_log_file), "-o", str(tmp_path / "x.pdf"), *extra])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("stls-desk: error:") and message in err[0]
    assert not (tmp_path / "x.pdf").exists()
