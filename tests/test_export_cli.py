"""`python -m ikd_core export`, run as a presenter would before a meeting: same selection options as a link."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
from pptx import Presentation

from conftest import DATA

REPO = Path(__file__).resolve().parent.parent


def export(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "ikd_core", "export", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_pptx_from_the_command_line_has_the_linked_scenario_and_its_numbers(tmp_path: Path) -> None:
    out = tmp_path / "rakorda.pptx"
    done = export("--format", "pptx", "--out", str(out), "--regions", "balikpapan,blitar", "--region", "balikpapan",
                  "--points", "10", "--per-point", "20")
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout
    prs = Presentation(str(out))
    # Title, ranking, people needed, Blitar (19%) then Balikpapan (8,5%) projections, the scenario, the sources.
    titles = [slide_text(s).split("\n")[0] for s in prs.slides]
    assert titles == ["Aktivasi IKD: capaian dan proyeksi", "Aktivasi IKD: posisi terhadap target 30%",
                      "Aktivasi IKD: orang yang masih dibutuhkan", "Blitar: proyeksi sampai 31 Desember 2026",
                      "Balikpapan: proyeksi sampai 31 Desember 2026",
                      "Balikpapan: skenario dibandingkan kondisi sekarang", "Sumber dan catatan data"]
    # "Today" is IKD_TODAY (23 November 2026), which conftest sets for every process the tests start.
    assert "Disusun 23 November 2026" in slide_text(prs.slides[0])
    # Still needed: Balikpapan 30% of ≈766.000 = 229.800 less 65.110 (8,5%); Blitar 36.900 less 23.370 (19%).
    assert "Balikpapan: ≈164.690 (perkiraan)\nBlitar: ≈13.530*" in slide_text(prs.slides[2])
    # The scenario the options give (worked in test_deck): 10,84% now, 11,55% with 10 kelurahan at 20 a day from
    # today.
    scenario = slide_text(prs.slides[5])
    assert "Titik layanan tambahan: 0 → 10" in scenario and "Aktivasi per titik per hari kerja: 0 → 20" in scenario
    assert "Kondisi sekarang: ≈10,8% pada 31 Desember 2026, perkiraan" in scenario
    assert "Skenario: ≈11,5% pada 31 Desember 2026, perkiraan" in scenario
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert "Inibalikpapan.com, 18 Februari 2026" in notes


def test_a_copied_link_gives_the_same_selection(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    link = "http://localhost:8501/presentasi?regions=padang&regions=denpasar&lang=en&slide=3"
    assert export("--format", "xlsx", "--out", str(out), "--link", link).returncode == 0
    book = pd.read_excel(out, sheet_name=None)
    assert list(book) == ["Comparison", "Observations", "Sources"]  # lang=en from the link
    assert list(book["Comparison"]["Region"]) == ["Padang", "Denpasar"]  # 30,06% before 2,2%
    assert list(book["Observations"]["observation_id"]) == ["denpasar-ikd-2024-04", "padang-ikd-2024-11-01"]


def test_html_and_csv(tmp_path: Path) -> None:
    html, csv = tmp_path / "b.html", tmp_path / "c.csv"
    assert export("--format", "html", "--out", str(html), "--regions", "blitar").returncode == 0
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "Blitar: proyeksi sampai 31 Desember" in text
    assert export("--format", "csv", "--out", str(csv), "--lang", "en").returncode == 0
    # Without a selection: every seed region, best first (30,06% > 19% > 8,5% > 5,77% > 2,2%).
    assert list(pd.read_csv(csv, encoding="utf-8-sig")["Region"]) == [
        "Padang", "Blitar", "Balikpapan", "Kalimantan Timur", "Denpasar"]


def test_an_existing_file_is_never_overwritten_silently(tmp_path: Path) -> None:
    out = tmp_path / "mine.pptx"
    out.write_bytes(b"the presenter's own slides")
    done = export("--format", "pptx", "--out", str(out))
    assert done.returncode == 1 and "not overwriting" in done.stderr
    assert out.read_bytes() == b"the presenter's own slides"
    assert export("--format", "pptx", "--out", str(out), "--force").returncode == 0
    # The whole deck replaced the file: title, ranking, people needed, five projections, scenario, sources.
    assert len(Presentation(str(out)).slides) >= 10
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


def test_every_out_that_cannot_be_written_is_a_message_and_exit_1_with_nothing_left(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    for out, says in [(tmp_path / "missing" / "x.pptx", "does not exist"), (folder, "is a folder")]:
        done = export("--format", "pptx", "--out", str(out), "--force")
        assert done.returncode == 1 and says in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["decks"]


def test_a_write_that_fails_half_way_leaves_no_file_at_all(tmp_path: Path, monkeypatch) -> None:
    from ikd_core import __main__ as cli

    out = tmp_path / "rakorda.xlsx"
    real_fdopen = os.fdopen

    class DiskFull:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli.os, "fdopen", lambda fd, mode: DiskFull(real_fdopen(fd, mode)))
    code = cli.run(["export", "--format", "xlsx", "--out", str(out), "--data", str(DATA)])
    assert code == 1
    assert list(tmp_path.iterdir()) == []  # neither the file nor its half-written temporary


def test_a_folder_that_is_not_writable_is_refused_before_any_work(tmp_path: Path, monkeypatch) -> None:
    from ikd_core import __main__ as cli

    monkeypatch.setattr(cli.os, "access", lambda path, mode: False)  # tests may run as root, who writes anywhere
    code = cli.run(["export", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--data", str(DATA)])
    assert code == 1 and list(tmp_path.iterdir()) == []


def test_exported_files_get_the_users_usual_permissions(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = f'umask 027 && "{sys.executable}" -m ikd_core export --format csv --out "{out}"'
    done = subprocess.run(["sh", "-c", command],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_link_that_is_not_a_dashboard_link_is_refused_by_name(tmp_path: Path) -> None:
    out = tmp_path / "x.pptx"
    for link in ("javascript:alert(1)", "file:///etc/passwd", "http://localhost:8501/elsewhere?regions=padang"):
        done = export("--format", "pptx", "--out", str(out), "--link", link)
        assert done.returncode == 2, (link, done.stderr)
        assert "not a dashboard link" in done.stderr and repr(link) in done.stderr
    assert not out.exists()
    behind_a_proxy = "https://dukcapil.example/ikd/presentasi?regions=padang"
    assert export("--format", "csv", "--out", str(tmp_path / "p.csv"), "--link", behind_a_proxy).returncode == 0
