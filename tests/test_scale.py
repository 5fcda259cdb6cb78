"""National scale: the synthetic 552-region file validates, and every page stays useful on it.

The file comes from `python -m ikd_core.synth`, never from data/regions.yaml. AppTest timeouts are generous: this is
a correctness test; speed is measured by `make bench`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ikd_core.compare import RANKING_LIMIT, compare, window
from ikd_core.deck import build_deck
from ikd_core.loading import load_path
from ikd_core.snapshot import build
from ikd_core.tables import PAGE_ROWS, page_slice

from apptest_helpers import open_page, spec
from conftest import ROOT, TODAY


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("national") / "national.yaml"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "ikd_core.synth", "--regions", "552", "--months", "36", "--seed", "1",
                           "--out", str(path)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "552 regions" in done.stdout
    return path


@pytest.fixture(scope="module")
def snapshot(national: Path):
    return build(load_path(str(national), today=TODAY), TODAY)


def test_generated_file_validates_with_the_command_analysts_use(national: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "ikd_core", "validate", str(national)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "regions: 552" in done.stdout and "observations: " in done.stdout


def test_hierarchy_bases_mixed_reporting_and_warnings(snapshot) -> None:
    regions = snapshot.dataset.regions
    levels = Counter(r.level for r in regions)
    assert levels["provinsi"] == 38 and levels["kota"] + levels["kabupaten"] == 514
    provinces = {r.id: r for r in regions if r.level == "provinsi"}
    for r in regions:
        if r.level != "provinsi":  # every kabupaten/kota under a province, with that province's name
            assert r.parent in provinces and provinces[r.parent].province == r.province
    bases = [o.base.count for o in snapshot.dataset.observations if o.base and o.region not in provinces]
    assert 15_000 <= min(bases) and max(bases) <= 4_500_000
    kinds = Counter(o.percent_of for o in snapshot.dataset.observations)
    assert kinds["wajib_ktp"] and kinds["perekaman_ktp_el"]
    assert any(o.percent_approximate for o in snapshot.dataset.observations)
    codes = Counter(f.code for f in snapshot.findings)
    assert codes["percent_mismatch"] > 0 and codes["stale"] > 0
    # Staleness is about a region's latest figure: at most one stale warning per region and indicator.
    assert codes["stale"] <= len(regions)
    assert all(name.startswith(("Provinsi Sintetis", "Kota Sintetis", "Kabupaten Sintetis"))
               for name in (r.name for r in regions))


def test_same_seed_same_file(tmp_path: Path, national: Path) -> None:
    from ikd_core.synth import write
    again = tmp_path / "again.yaml"
    write(again, 552, 36, 1)
    assert again.read_bytes() == national.read_bytes()


def test_ranking_window_shows_top_and_bottom_with_a_note(snapshot) -> None:
    view = compare(snapshot, "id", list(snapshot.regions), "ikd")
    ranked = [r for r in view.rows if r.value is not None]
    assert len(ranked) == 552
    shown = window(view, "id", n=10)
    assert [r.region_id for r in shown.rows] == [r.region_id for r in ranked[:10] + ranked[-10:]]
    assert shown.notes[0].startswith("Ditampilkan 10 teratas dan 10 terbawah dari 552 wilayah (532 di tengah")
    one = window(view, "id", query="sintetis 07.0", provinces=["Provinsi Sintetis 07"])
    assert 0 < len(one.rows) <= RANKING_LIMIT
    assert all(r.province == "Provinsi Sintetis 07" and "07.0" in r.name for r in one.rows)
    assert "cocok dengan pencarian" in one.notes[0]


def test_pagination_slices_clamp() -> None:
    assert page_slice(19_872, 1) == (0, PAGE_ROWS)
    assert page_slice(19_872, 10_000) == ((19_872 // PAGE_ROWS) * PAGE_ROWS, 19_872)
    assert page_slice(10, "x") == (0, 10)


def test_national_deck_stays_a_deck(snapshot) -> None:
    deck = build_deck(snapshot, {}, "id")
    assert len(deck.slides) <= 3 + 6 + 1 + 3
    assert len(deck.slides[1].chart.categories) == 15  # type: ignore[union-attr]
    sources = [b for s in deck.slides if s.key.startswith("sources:") for b in s.bullets]
    assert sources[0].startswith("552 wilayah; tanggal data")


PAGES = ["pages/ringkasan.py", "pages/bandingkan.py", "pages/wilayah.py", "pages/proyeksi.py", "pages/simulasi.py",
         "pages/data.py", "pages/presentasi.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_national_file(page: str, national: Path, monkeypatch) -> None:
    monkeypatch.setenv("IKD_DATA", str(national))
    at = open_page(page)  # asserts no exception
    assert not at.error, [e.value for e in at.error]
    if page == "pages/ringkasan.py":
        distribution, ranking = spec(at, 0), spec(at, 1)
        assert distribution["data"][0]["type"] == "histogram"
        assert sum(len(t["x"]) for t in distribution["data"]) == 552
        assert len(ranking["data"][0]["y"]) == 20  # top 10 and bottom 10, not 552 bars
    if page == "pages/data.py":
        assert len(at.dataframe[0].value) == PAGE_ROWS
        assert any("dari 19.872" in c.value for c in at.caption)


def test_every_chart_spec_at_national_scale_is_a_valid_plotly_figure(snapshot) -> None:
    # The charts skip plotly's validation on each rerun; here it runs on every kind of national figure.
    import plotly.graph_objects as go

    from ikd_core import charts
    from ikd_core.whatif import region_scenario

    view = compare(snapshot, "id", list(snapshot.regions))
    go.Figure(charts.distribution_spec(view, "IKD", "id"))
    go.Figure(charts.ranking_spec(window(view, "id", "", [], 10), "IKD", "id"))
    kinds = Counter()
    for rid in snapshot.regions:  # one region of each base, with a scenario beside it
        m = snapshot.latest_of("ikd").get(rid)
        setup = region_scenario(snapshot, rid, "ikd", "en", None, pace_multiplier=1.5, extra_points=3)
        if setup is None or kinds[m.base_kind]:
            continue
        kinds[m.base_kind] += 1
        go.Figure(charts.projection_spec(setup.side_by_side("en"), "en", setup.name))
    assert len(kinds) >= 2
