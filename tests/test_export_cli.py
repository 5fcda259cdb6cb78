"""`python -m ikd_core export`, run as a presenter would before a meeting: same selection options as a link."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from pptx import Presentation

from conftest import DATA, TODAY
from ikd_core.deck import build_deck
from ikd_core.exports import selection_tables
from ikd_core.loading import load_path
from ikd_core.snapshot import build

REPO = Path(__file__).resolve().parent.parent


def export(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "ikd_core", "export", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def snapshot():
    # The command builds with the real date; the deck's content must match the same day's core output.
    import datetime as dt
    today = dt.date.today()
    return build(load_path(str(DATA), today=today), today)


def test_pptx_from_the_command_line_is_the_core_deck(tmp_path: Path) -> None:
    out = tmp_path / "rakorda.pptx"
    done = export("--format", "pptx", "--out", str(out), "--regions", "balikpapan,blitar", "--region", "balikpapan",
                  "--points", "10", "--per-point", "20")
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout
    deck = build_deck(snapshot(), {"regions": ["balikpapan", "blitar"], "region": "balikpapan", "points": 10,
                                   "per_point": 20.0}, "id")
    prs = Presentation(str(out))
    assert len(prs.slides) == len(deck.slides)
    assert [s.notes_slide.notes_text_frame.text for s in prs.slides] == ["\n".join(s.notes) for s in deck.slides]


def test_a_copied_link_gives_the_same_selection(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    link = "http://localhost:8501/presentasi?regions=padang&regions=denpasar&lang=en&slide=3"
    assert export("--format", "xlsx", "--out", str(out), "--link", link).returncode == 0
    book = pd.read_excel(out, sheet_name=None)
    tables = selection_tables(snapshot(), {"regions": ["padang", "denpasar"]}, "en")
    assert list(book) == list(tables) == ["Comparison", "Observations", "Sources"]
    assert list(book["Comparison"]["Region"]) == ["Padang", "Denpasar"]


def test_html_and_csv(tmp_path: Path) -> None:
    html, csv = tmp_path / "b.html", tmp_path / "c.csv"
    assert export("--format", "html", "--out", str(html), "--regions", "blitar").returncode == 0
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "Blitar: proyeksi sampai 31 Desember" in text
    assert export("--format", "csv", "--out", str(csv), "--lang", "en").returncode == 0
    assert list(pd.read_csv(csv, encoding="utf-8-sig")["Region"])[0] == "Padang"


def test_an_existing_file_is_never_overwritten_silently(tmp_path: Path) -> None:
    out = tmp_path / "mine.pptx"
    out.write_bytes(b"the presenter's own slides")
    done = export("--format", "pptx", "--out", str(out))
    assert done.returncode == 1 and "not overwriting" in done.stderr
    assert out.read_bytes() == b"the presenter's own slides"
    assert export("--format", "pptx", "--out", str(out), "--force").returncode == 0
    assert len(Presentation(str(out)).slides) > 3
    assert [p.name for p in tmp_path.iterdir()] == ["mine.pptx"]  # no temporary file left behind


def test_bad_selection_values_are_refused_by_name(tmp_path: Path) -> None:
    out = tmp_path / "x.pptx"
    done = export("--format", "pptx", "--out", str(out), "--regions", "atlantis", "--points", "9999")
    assert done.returncode == 2
    assert "--regions 'atlantis'" in done.stderr and "--points '9999'" in done.stderr
    assert not out.exists()


def test_an_invalid_data_file_exports_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "regions.yaml"
    broken.write_text(DATA.read_text(encoding="utf-8").replace("count: 123000", "count: banyak"), encoding="utf-8")
    out = tmp_path / "x.pptx"
    done = export("--format", "pptx", "--out", str(out), "--data", str(broken))
    assert done.returncode == 1
    assert f"{broken}:" in done.stderr and "nothing exported" in done.stderr
    assert not out.exists()
