"""The guarantee: a file that `validate` accepts renders every page, for every region, in both languages.

Files are generated from the models (tests/data_strategies.py): counts without a base, percents without a count,
bounds, bases named without their size, percents of the target beside percents of the base, all five date
precisions, sources with and without a stored article, and empty lists. IKD_VALID_FILE_EXAMPLES sets how many
(default 12; each opens about a dozen pages).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from data_strategies import ARTICLE, data_file, projectable_file
from hypothesis import HealthCheck, given, settings

from ikd_core.domain.loading import load_path
from ikd_core.views.links import PAGES

from apptest_helpers import open_page
from conftest import TODAY

EXAMPLES = int(os.environ.get("IKD_VALID_FILE_EXAMPLES", "12"))
PER_REGION = ("wilayah", "simulasi", "proyeksi")


def write(folder: Path, document: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    for source in document["sources"]:
        if "file" in source:
            (folder / source["file"]).write_text(ARTICLE, encoding="utf-8")
    path = folder / "regions.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def no_crash(at, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    assert not at.error or all("Berkas data" not in e.value for e in at.error), (where, [e.value for e in at.error])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data_file(TODAY))
def test_every_valid_file_renders_every_page_for_every_region(tmp_path_factory, document):
    path = write(tmp_path_factory.mktemp("valid"), document)
    load_path(path, today=TODAY)  # valid by construction: if not, the strategy is wrong and this says where
    os.environ["IKD_DATA"] = str(path)
    try:
        for page in PAGES:
            for lang in ("id", "en"):
                no_crash(open_page(f"pages/{page}.py" if page != "ringkasan" else None, lang=lang), (page, lang))
        for region in document["regions"]:
            for page in PER_REGION:
                key = "regions" if page == "proyeksi" else "region"
                no_crash(open_page(f"pages/{page}.py", **{key: region["id"]}), (page, region["id"]))
    finally:
        os.environ["IKD_DATA"] = str(Path(__file__).parent / "fixtures" / "seed" / "regions.yaml")


# --- No computed number without its marks ------------------------------------------------------------------------
COMPUTED = ("projected", "still_needed", "current", "required", "required_working", "required_point")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(projectable_file(TODAY))
def test_every_projected_or_needed_number_carries_its_marks(tmp_path_factory, document):
    """A projection, a pace or a number of people still needed is computed by us: it is never shown bare, on
    Proyeksi, Simulasi, the deck or Bandingkan's common date. It is marked * (derived) or ', perkiraan' (it rests on
    an analyst's estimate), and ≈ exactly when the figure it starts from has a value marked approximate in the file
    (projection views dropped ≈ and *: '19,0%', '13.530')."""
    from ikd_core.domain.snapshot import build
    from ikd_core.views.compare import compare
    from ikd_core.views.whatif import numbers, region_scenario

    snapshot = build(load_path(write(tmp_path_factory.mktemp("marks"), document), today=TODAY), TODAY)
    latest: dict[str, dict] = {}  # the independent model: each region's latest figure, read from the file
    for o in document["observations"]:
        if o["region"] not in latest or o["as_of"] > latest[o["region"]]["as_of"]:
            latest[o["region"]] = o
    checked = 0
    for region, figure in latest.items():
        approximate = any(figure.get(f) for f in ("count_approximate", "percent_approximate")) or \
            (figure.get("base") or {}).get("approximate", False)
        estimate = "estimate" in (figure.get("base") or {})
        setup = region_scenario(snapshot, region, "ikd", "id")
        assert setup is not None, region
        shown = numbers(setup.result, "id")
        for key in COMPUTED:
            text = shown[key][1]
            if text == "—" or re.match(r"[0,]+%? ", text):  # none, or nothing at all ('0 orang', '0,000 poin')
                continue
            checked += 1
            assert text.endswith(", perkiraan") if estimate else "*" in text, (region, key, text, figure)
            assert ("≈" in text) == approximate, (region, key, text, figure)
        reach = setup.result.reach_date  # a day already past is not announced as if it were still to come
        if reach is not None and reach <= TODAY and setup.result.status != "tercapai":
            assert "sudah lewat" in shown["reach"][1], shown["reach"]
    assert checked > 0  # a region always has a projection
    view = compare(snapshot, "id", list(snapshot.regions), "ikd", "percent", project_to=TODAY)
    for row in view.rows:  # Bandingkan on one common date
        figure = latest[row.region_id]
        if row.projected and row.value_text != "—":  # "—": a count with no base has no percent to project
            estimate = "estimate" in (figure.get("base") or {})
            assert row.value_text.endswith(", perkiraan") if estimate else "*" in row.value_text, row.value_text
