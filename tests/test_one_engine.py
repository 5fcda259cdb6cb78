"""One engine: every page, the command line's exports and the deck give a region the same status and numbers, on
the seed file and on the 552-region national file, and a missing target is "tidak diketahui" everywhere."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ikd_core.domain.loading import load_path
from ikd_core.domain.snapshot import Snapshot, build
from ikd_core.render.deck import build_deck
from ikd_core.render.exports import export_bytes
from ikd_core.views.compare import compare, table_rows
from ikd_core.views.overview import overview
from ikd_core.views.region import region_view
from ikd_core.views.whatif import no_projection, numbers, projections, region_scenario, results_table

from apptest_helpers import open_page
from conftest import DATA, ROOT, TODAY


@pytest.fixture(scope="module")
def seed() -> Snapshot:
    return build(load_path(str(DATA), today=TODAY), TODAY)


@pytest.fixture(scope="module")
def national(national_file: Path) -> Snapshot:
    return build(load_path(str(national_file), today=TODAY), TODAY)


def statuses_everywhere(snap: Snapshot) -> dict[str, dict[str, str]]:
    """Each region's IKD status as every surface shows it, by surface."""
    ids = list(snap.regions)
    seen: dict[str, dict[str, str]] = {}
    overview_rows = table_rows(overview(snap, "id").ranking, snap, "id")
    seen["overview"] = {r["Wilayah"]: r["Status"] for r in overview_rows}  # type: ignore[misc]
    seen["compare"] = {r["Wilayah"]: r["Status"] for r in table_rows(compare(snap, "id", ids, "ikd"), snap, "id")}  # type: ignore[misc]
    seen["region"] = {}
    for rid in ids:
        rows = [row for row in region_view(snap, rid, "id").latest if row["Indikator"] == "Aktivasi IKD"]
        if rows:
            seen["region"][snap.regions[rid].name] = rows[0]["Status"]
    setups, _ = projections(snap, ids, "ikd", "id", overview(snap, "id").ranking.rows[0].outlook.deadline)
    seen["projection"] = {name: table["Status"] for name, table in results_table(setups, "id").items()}
    seen["simulation"] = {s.name: numbers(s.result, "id")["status"][1] for s in setups}
    csv = pd.read_csv(io.BytesIO(export_bytes(snap, {"regions": ids, "indicator": "ikd"}, "id", "csv")))
    seen["export"] = dict(zip(csv["Wilayah"], csv["Status"], strict=True))
    return seen


@pytest.mark.parametrize("which", ["seed", "national"])
def test_every_surface_gives_every_region_the_same_status(which: str, request) -> None:
    snap: Snapshot = request.getfixturevalue(which)
    seen = statuses_everywhere(snap)
    reference = seen["overview"]
    assert len(reference) == len(snap.latest_of("ikd"))
    for surface, statuses in seen.items():
        assert statuses, surface
        for name, status in statuses.items():
            assert status == reference[name], (surface, name)
    # Regions without a projection (a bound, or no exact figure) are on the tables with their status and have a
    # reason on the projection pages, never a projection against something else.
    projected = set(seen["projection"])
    for name in set(reference) - projected:
        assert reference[name].split(" ", 1)[1] in ("tercapai", "tidak diketahui"), name
    if which == "seed":  # worked by hand in test_compare and test_whatif_pages
        assert reference["Blitar"] == "✖ tertinggal" and reference["Padang"] == "● sesuai jalur"


def test_the_deck_shows_the_projection_pages_numbers(seed: Snapshot) -> None:
    ids = list(seed.regions)
    deck = build_deck(seed, {"regions": ids, "indicator": "ikd"}, "id")
    setups, _ = projections(seed, ids, "ikd", "id", overview(seed, "id").ranking.rows[0].outlook.deadline)
    by_name = {s.name: numbers(s.result, "id") for s in setups}
    shown = 0
    for slide in deck.slides:
        if not slide.key.startswith("projection:"):
            continue
        name = seed.regions[slide.key.split(":", 1)[1]].name
        page = dict(by_name[name].values())  # label -> value, as the projection page's table has it
        rows = [bullet.split(": ", 1) for bullet in slide.bullets]
        on_page = [(label, value) for label, value in rows if label in page]
        assert len(on_page) >= 4, slide.bullets
        assert all(page[label] == value for label, value in on_page), (name, on_page)
        shown += 1
    assert shown >= 2


def without_targets(snap: Snapshot) -> Snapshot:
    indicators = [i.model_copy(update={"targets": []}) for i in snap.dataset.indicators]
    return build(dataclasses.replace(snap.loaded, dataset=snap.dataset.model_copy(update={"indicators": indicators})),
                 TODAY)


def test_a_missing_target_is_unknown_everywhere_and_nothing_is_projected_against_a_made_up_one(seed: Snapshot):
    snap = without_targets(seed)
    seen = statuses_everywhere(snap)
    assert seen["projection"] == {} and seen["simulation"] == {}
    for surface in ("overview", "compare", "region", "export"):
        assert set(seen[surface].values()) == {"? tidak diketahui"}, surface
    assert region_scenario(snap, "padang", "ikd", "id") is None
    assert no_projection(snap, "padang", "ikd", "id") == ("Berkas data tidak mencatat target untuk Aktivasi IKD, jadi "
                                                          "Padang tidak bisa diproyeksikan terhadap target.")
    deck = build_deck(snap, {"regions": list(snap.regions), "indicator": "ikd"}, "id")
    assert not [s for s in deck.slides if s.key.startswith("projection:") or s.key == "scenario"]


def test_the_overview_page_and_the_projection_page_agree_for_every_seed_region() -> None:
    overview_page = open_page()
    table = overview_page.dataframe[0].value
    on_overview = dict(zip(table["Wilayah"], table["Status"], strict=True))
    projection_page = open_page("pages/proyeksi.py", regions=["balikpapan", "blitar", "denpasar", "kaltim", "padang"])
    results = projection_page.dataframe[0].value
    on_projection = {name: results.loc["Status", name] for name in results.columns}
    assert on_projection and all(on_overview[name] == status for name, status in on_projection.items())


def test_the_command_line_export_gives_the_pages_statuses(seed: Snapshot, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    done = subprocess.run([sys.executable, "-m", "ikd_core", "export", "--format", "csv", "--out", str(out)],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    csv = pd.read_csv(out)
    assert dict(zip(csv["Wilayah"], csv["Status"], strict=True)) == statuses_everywhere(seed)["overview"]
