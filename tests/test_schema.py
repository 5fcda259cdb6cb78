"""The JSON Schema that editors use while analysts type: current, and agreeing with the loader."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from ikd_core.domain import schema

from conftest import DATA, LIVE_DATA, ROOT


class _DatesAsText(yaml.SafeLoader):
    """Read timestamps as text, as YAML editors hand them to the JSON Schema."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def test_committed_schema_is_what_the_models_generate():
    committed = (ROOT / "data" / "regions.schema.json").read_text(encoding="utf-8")
    assert committed == schema.schema_text(), "out of date: run `make schema` and commit data/regions.schema.json"


def test_live_data_file_starts_with_the_editor_schema_modeline():
    first = LIVE_DATA.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./regions.schema.json"


@pytest.mark.parametrize("path", [DATA, LIVE_DATA], ids=["fixture", "live"])
def test_the_data_file_passes_the_json_schema_the_editor_uses(path):
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=_DatesAsText)
    jsonschema.validate(document, json.loads(schema.schema_text()))


def test_json_schema_flags_a_misspelt_field_and_a_bad_level_as_the_editor_would():
    document = yaml.load(DATA.read_text(encoding="utf-8"), Loader=_DatesAsText)
    document["regions"][1]["levle"] = "kota"
    document["regions"][2]["level"] = "kotamadya"
    validator = jsonschema.Draft202012Validator(json.loads(schema.schema_text()))
    messages = [e.message for e in validator.iter_errors(document)]
    assert any("levle" in m for m in messages)
    assert any("kotamadya" in m for m in messages)
