"""The guarantee: a file that `validate` accepts renders every page, for every region, in both languages.

Files are generated from the models (tests/data_strategies.py): counts without a base, percents without a count,
bounds, bases named without their size, percents of the target beside percents of the base, all five date
precisions, sources with and without a stored article, and empty lists. IKD_VALID_FILE_EXAMPLES sets how many
(default 12; each opens about a dozen pages).
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from data_strategies import ARTICLE, data_file
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
