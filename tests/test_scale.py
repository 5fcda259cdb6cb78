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
import yaml

from ikd_core.domain.loading import load_path
from ikd_core.domain.snapshot import build
from ikd_core.render.deck import build_deck
from ikd_core.views.compare import compare, window
from ikd_core.views.tables import page_slice

from apptest_helpers import open_page, spec
from conftest import ROOT, TODAY


@pytest.fixture(scope="module")
def national(national_file: Path) -> Path:
    return national_file  # generated once per run (conftest)


@pytest.fixture(scope="module")
def snapshot(national: Path):
    return build(load_path(str(national), today=TODAY), TODAY)


@pytest.fixture(scope="module")
def latest_percent(national: Path) -> dict[str, float]:
    """The independent model: each region's latest IKD percent, read from the generated YAML itself (the percent
    the report states, else count / base × 100), in file order."""
    doc = yaml.safe_load(national.read_text(encoding="utf-8"))
    latest: dict[str, dict] = {}
    for o in doc["observations"]:
        if o["indicator"] == "ikd" and (o["region"] not in latest or o["as_of"] > latest[o["region"]]["as_of"]):
            latest[o["region"]] = o  # as_of is "YYYY-MM": text order is date order
    percent = {rid: o["percent"] if o.get("percent") is not None else o["count"] / o["base"]["count"] * 100
               for rid, o in latest.items()}
    return {r["id"]: percent[r["id"]] for r in doc["regions"]}


@pytest.fixture(scope="module")
def region_names(national: Path) -> dict[str, str]:
    return {r["id"]: r["name"] for r in yaml.safe_load(national.read_text(encoding="utf-8"))["regions"]}


def best_first(latest_percent: dict[str, float]) -> list[float]:
    return sorted(latest_percent.values(), reverse=True)


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


def test_ranking_window_shows_the_top_and_bottom_ten_with_a_note(snapshot, latest_percent, region_names) -> None:
    view = compare(snapshot, "id", list(snapshot.regions), "ikd")
    shown = window(view, "id", n=10)
    expected = best_first(latest_percent)
    assert len(expected) == 552
    # The 20 regions shown are those with the 10 highest and the 10 lowest percents of the model, best first
    # (compared by each shown region's own percent, so regions tied on a percent may stand in for each other).
    assert len({r.region_id for r in shown.rows}) == 20
    assert [latest_percent[r.region_id] for r in shown.rows] == expected[:10] + expected[-10:]
    assert [r.value for r in shown.rows] == expected[:10] + expected[-10:]
    # 552 − 20 = 532 left out of the chart.
    assert shown.notes[0].startswith("Ditampilkan 10 teratas dan 10 terbawah dari 552 wilayah (532 di tengah")
    # A search narrows to the names that contain it within the chosen province, and says how many of 552 match.
    one = window(view, "id", query="sintetis 07.0", provinces=["Provinsi Sintetis 07"])
    wanted = {rid for rid, name in region_names.items() if rid.startswith("prov-07-") and "07.0" in name}
    assert wanted and {r.region_id for r in one.rows} == wanted
    assert [latest_percent[r.region_id] for r in one.rows] == sorted((latest_percent[r] for r in wanted),
                                                                      reverse=True)
    assert one.notes[0] == f"{len(wanted)} dari 552 wilayah cocok dengan pencarian atau filter."


def test_a_page_link_past_the_end_or_garbled_still_shows_a_page() -> None:
    # 552 regions × 36 months = 19.872 observations, 250 a page: page 1 is rows 0–249; 80 pages, the last
    # 79 × 250 = 19.750 to 19.872. A link asking for page 10.000 gets the last page; "x" gets the first.
    assert page_slice(19_872, 1) == (0, 250)
    assert page_slice(19_872, 80) == (19_750, 19_872)
    assert page_slice(19_872, 10_000) == (19_750, 19_872)
    assert page_slice(19_872, 0) == (0, 250)
    assert page_slice(10, "x") == (0, 10)


def test_national_deck_stays_a_deck(snapshot, latest_percent, region_names) -> None:
    deck = build_deck(snapshot, {}, "id")
    # Title, ranking (its bars' bases and dates continued on a second slide), people needed, six projections (the
    # limit), and the sources as a summary; no scenario slide, as the link changes nothing (tests/test_pptx_fit.py
    # checks the projections go to the furthest behind).
    assert [s.key for s in deck.slides][:4] == ["title", "ranking", "ranking+1", "needed"]
    assert sum(s.key.startswith("projection:") for s in deck.slides) == 6
    assert "scenario" not in [s.key for s in deck.slides] and len(deck.slides) <= 4 + 6 + 3
    # The ranking slide shows the 10 lowest regions of the model, best of them first, not 552 bars.
    ranking = deck.slides[1].chart
    assert ranking is not None and len(ranking.categories) == 10
    percent_of_name = {region_names[rid]: p for rid, p in latest_percent.items()}
    assert [percent_of_name[name] for name in ranking.categories] == best_first(latest_percent)[-10:]
    sources = [b for s in deck.slides if s.key.startswith("sources:") for b in s.bullets]
    assert sources[0].startswith("552 wilayah; tanggal data")


def test_every_bar_of_the_national_ranking_slide_names_its_base_and_date(snapshot, national) -> None:
    deck = build_deck(snapshot, {}, "id")
    said = [b for s in deck.slides if s.key.startswith("ranking") for b in s.bullets]
    # The independent model: each bar's region, its latest IKD figure's base kind and month, from the YAML itself.
    doc = yaml.safe_load(national.read_text(encoding="utf-8"))
    names = {r["id"]: r["name"] for r in doc["regions"]}
    latest: dict[str, dict] = {}
    for o in doc["observations"]:
        if o["indicator"] == "ikd" and (o["region"] not in latest or o["as_of"] > latest[o["region"]]["as_of"]):
            latest[o["region"]] = o
    kinds = {"wajib_ktp": "wajib KTP", "perekaman_ktp_el": "perekaman KTP-el"}
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember"]
    for name in deck.slides[1].chart.categories:
        o = latest[next(rid for rid, n in names.items() if n == name)]
        year, month = str(o["as_of"]).split("-")[:2]
        kind = o.get("percent_of") if o.get("percent") is not None else o["base"]["kind"]
        line = next(b for b in said if b.startswith(f"{name}: "))
        assert line.endswith(f" · {kinds[kind]} · {months[int(month) - 1]} {year}"), line


PAGES = ["pages/ringkasan.py", "pages/bandingkan.py", "pages/wilayah.py", "pages/proyeksi.py", "pages/simulasi.py",
         "pages/data.py", "pages/presentasi.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_national_file(page: str, national: Path, latest_percent, monkeypatch) -> None:
    monkeypatch.setenv("IKD_DATA", str(national))
    at = open_page(page)  # asserts no exception
    assert not at.error, [e.value for e in at.error]
    if page == "pages/ringkasan.py":
        distribution, ranking = spec(at, 0), spec(at, 1)
        assert distribution["data"][0]["type"] == "histogram"
        assert sum(len(t["x"]) for t in distribution["data"]) == 552
        # Top 10 and bottom 10 of the model, not 552 bars; plotly lists the bars bottom to top.
        expected = best_first(latest_percent)
        assert ranking["data"][0]["x"] == pytest.approx((expected[:10] + expected[-10:])[::-1])
    if page == "pages/data.py":
        assert len(at.dataframe[0].value) == 250  # the first page of 250 rows
        assert any("dari 19.872" in c.value for c in at.caption)  # 552 regions × 36 months


def test_every_chart_spec_at_national_scale_is_a_valid_plotly_figure(snapshot) -> None:
    # The charts skip plotly's validation on each rerun; here it runs on every kind of national figure.
    import plotly.graph_objects as go

    from ikd_core.render import charts
    from ikd_core.views.whatif import region_scenario

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


def test_the_data_page_sends_the_warnings_a_page_at_a_time(national: Path, monkeypatch) -> None:
    monkeypatch.setenv("IKD_DATA", str(national))
    at = open_page("pages/data.py")
    warnings = at.dataframe[1].value  # after the observations
    total = int(next(c.value for c in at.caption if c.value.startswith("Baris 1–50 dari ")).split()[-1]
                .replace(".", ""))
    # A national file has thousands of warnings: sent whole they were a 5,4 MB message on every visit.
    assert len(warnings) == 50 and total > 1_000
    at.number_input(key="warnings_page").set_value(2).run()
    assert any(c.value == f"Baris 51–100 dari {total:,}".replace(",", ".") for c in at.caption)
    assert len(at.dataframe[1].value) == 50


def test_national_pages_reuse_the_deck_and_the_warnings_instead_of_rebuilding_them(national: Path, tmp_path: Path,
                                                                                   monkeypatch) -> None:
    """Work done, not time: a Presentasi or Data visit at national scale rebuilt the deck (0,5 s) and the 20.034
    warnings (0,44 s) every time, as the 552 per-region entries of a Ringkasan visit pushed them out of the memo.
    A private copy of the file, so that no earlier test in this process has built them already."""
    from ikd_core.render import deck
    from ikd_core.views import tables

    built: Counter[str] = Counter()
    for module, name in ((deck, "_build_deck"), (tables, "_warning_rows")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, _name=name, **k: (built.update([_name]),
                                                                                       _real(*a, **k))[1])
    copy = tmp_path / "national.yaml"
    copy.write_bytes(national.read_bytes())
    monkeypatch.setenv("IKD_DATA", str(copy))
    for page in ("pages/presentasi.py", "pages/data.py", "pages/ringkasan.py", "pages/bandingkan.py",
                 "pages/presentasi.py", "pages/data.py"):
        open_page(page)
    assert built == {"_build_deck": 1, "_warning_rows": 1}
