"""The file the analysts maintain, data/regions.yaml: the only tests that read it, and only for what holds for any
honest file: it validates, and every quote is in its article. A test proves that adding a region does not break
the suite: a copy with one more city and figure passes every figure-independent check.

(Every test of figures, statuses and counts reads the frozen fixture in tests/fixtures/seed instead, so a data
update or a new year never turns CI red.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ikd_core.domain.loading import load_path
from ikd_core.views.links import PAGES

from apptest_helpers import open_page
from conftest import LIVE_DATA, ROOT, TODAY

NEW_SOURCE = """\
  - id: uji-sumber-2026
    publisher: Sumber uji (bukan data nyata)
    title: Contoh sumber untuk tes
    date_published: 2026-06-30
    file: sources/uji-sumber-2026.txt
"""
NEW_REGION = """\
  - id: uji-kota
    name: Kota Uji
    level: kota
    province: Provinsi Uji
"""
NEW_OBSERVATION = """\
  - id: uji-kota-ikd-2026-06
    region: uji-kota
    indicator: ikd
    as_of: 2026-06-30
    source: uji-sumber-2026
    count: 19000
    percent: 12.5
    percent_of: wajib_ktp
    base:
      kind: wajib_ktp
      count: 152000
    quotes:
      - "Sebanyak 19.000 warga atau 12,5 persen dari 152.000 wajib KTP telah mengaktifkan IKD."
"""
ARTICLE = "Contoh artikel uji. Sebanyak 19.000 warga atau 12,5 persen dari 152.000 wajib KTP telah mengaktifkan IKD.\n"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def quotes_not_in_their_articles(path: Path) -> list[str]:
    loaded = load_path(path, today=TODAY)
    ds = loaded.dataset
    found = [(f"targets.{i.id}", t.source, t.quote) for i in ds.indicators for t in i.targets]
    found += [(f"regions.{r.id}.facts.{n}", f.source, f.quote) for r in ds.regions for n, f in r.facts if f]
    found += [(f"regions.{r.id}.notes", n.source, n.quote) for r in ds.regions for n in r.notes]
    found += [(f"observations.{o.id}", o.source, q) for o in ds.observations for q in o.quotes]
    return [f"{where}: {quote!r}" for where, source, quote in found
            if source in loaded.source_texts and squash(quote) not in squash(loaded.source_texts[source])]


def test_every_quote_in_the_live_file_is_in_its_stored_article():
    assert quotes_not_in_their_articles(LIVE_DATA) == []


def with_a_new_city(folder: Path) -> Path:
    """A copy of the live folder with one more source, city and figure, inserted as an analyst would type them."""
    shutil.copytree(LIVE_DATA.parent, folder)
    path = folder / LIVE_DATA.name
    text = path.read_text(encoding="utf-8")
    added = (("sources:\n", NEW_SOURCE), ("regions:\n", NEW_REGION), ("observations:\n", NEW_OBSERVATION))
    for section, block in added:
        assert text.count(section) == 1
        text = text.replace(section, section + block)
    path.write_text(text, encoding="utf-8")
    (folder / "sources" / "uji-sumber-2026.txt").write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Path:
    return with_a_new_city(tmp_path_factory.mktemp("grown") / "data")


def test_a_copy_with_one_more_city_validates_and_its_quotes_are_in_their_articles(grown):
    done = subprocess.run([sys.executable, "-m", "ikd_core", "validate", str(grown)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert quotes_not_in_their_articles(grown) == []


@pytest.mark.parametrize("page", [f"pages/{p}.py" for p in PAGES])
def test_every_page_renders_the_copy_with_one_more_city(monkeypatch, grown, page):
    monkeypatch.setenv("IKD_DATA", str(grown))
    at = open_page(page if page != "pages/ringkasan.py" else None)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def test_the_overview_counts_the_new_city_among_the_regions_with_a_figure(monkeypatch, grown):
    document = yaml.safe_load(grown.read_text(encoding="utf-8"))
    with_ikd = {o["region"] for o in document["observations"] if o["indicator"] == "ikd"}
    monkeypatch.setenv("IKD_DATA", str(grown))
    at = open_page()
    reached = next(m.value for m in at.metric if m.label == "Wilayah mencapai target")
    assert reached.endswith(f" dari {len(with_ikd)}") and "uji-kota" in with_ikd
    assert "Kota Uji" in set(at.dataframe[0].value["Wilayah"])
