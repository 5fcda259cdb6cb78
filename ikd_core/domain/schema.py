"""The JSON Schema of data/regions.yaml, generated from the models (editors validate while analysts type)."""

from __future__ import annotations

import json
from pathlib import Path

from ikd_core.domain.models import Dataset

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "data" / "regions.schema.json"


def schema() -> dict:
    doc = Dataset.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "IKD dashboard data file (data/regions.yaml)",
        **doc,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write(path: Path = SCHEMA_PATH) -> Path:
    path.write_text(schema_text(), encoding="utf-8")
    return path
