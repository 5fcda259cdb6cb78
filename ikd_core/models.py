"""Typed models of data/regions.yaml: what the sources *reported*, never what we derive."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AnyUrl,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from ikd_core.dates import FuzzyDate

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=5000)]
DateField = Annotated[
    FuzzyDate,
    PlainValidator(FuzzyDate.parse),
    PlainSerializer(FuzzyDate.to_yaml, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2200},
            ],
            "description": '2024-11-12 (day), "2024-04" (month), "2025-Q4" (quarter) or 2025 (year)',
        }
    ),
]
Level = Literal["provinsi", "kota", "kabupaten"]
BaseKind = Literal["wajib_ktp", "perekaman_ktp_el", "penduduk", "anak"]
# What a reported percent is a percent *of*: a base, the target itself, or not said.
PercentOf = Literal["wajib_ktp", "perekaman_ktp_el", "penduduk", "anak", "target", "unspecified"]
Count = Annotated[int, Field(ge=0, le=10_000_000_000)]
Percent = Annotated[float, Field(ge=0, le=1000)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False)


class Person(Model):
    name: Text
    role: Text | None = None


class Source(Model):
    """Where figures come from, in the spirit of OWID's origins."""

    id: Id
    publisher: Text | None = None
    title: Text | None = None
    date_published: DateField | None = None
    date_accessed: DateField | None = None
    date_note: Text | None = None
    url: AnyUrl | None = None
    file: Text | None = Field(None, description="The article's text, relative to the data file's folder.")
    people: list[Person] = []


class Target(Model):
    year: Annotated[int, Field(ge=2000, le=2100)]
    percent: Annotated[float, Field(gt=0, le=100)]
    source: Id
    quote: Text


class LocalizedName(Model):
    id: Text
    en: Text


class Indicator(Model):
    id: Id
    name: LocalizedName
    base: BaseKind = Field(description="The base this indicator is usually measured against.")
    targets: list[Target] = []


class Figure(Model):
    """One stated fact about a region, with the words it came from."""

    value: Annotated[float, Field(ge=0)]
    approximate: bool = False
    as_of: DateField | None = None
    source: Id
    quote: Text
    note: Text | None = None


class Note(Model):
    text: Text
    source: Id
    quote: Text


class RegionFacts(Model):
    population: Figure | None = None
    population_growth_per_year: Figure | None = None
    service_points: Figure | None = None
    service_points_apbd: Figure | None = None
    outreach_per_week: Figure | None = None


class Region(Model):
    id: Id
    name: Text
    level: Level
    parent: Id | None = None
    province: Text
    facts: RegionFacts = RegionFacts()
    notes: list[Note] = []


class Base(Model):
    """The count a percent is taken of. `estimate` holds the reasoning when no source states it."""

    kind: BaseKind
    count: Annotated[int, Field(gt=0, le=10_000_000_000)]
    approximate: bool = False
    estimate: Text | None = None
    note: Text | None = None


class Observation(Model):
    id: Id
    region: Id
    indicator: Id
    as_of: DateField
    source: Id
    count: Count | None = None
    count_approximate: bool = False
    percent: Percent | None = None
    percent_approximate: bool = False
    percent_of: PercentOf | None = None
    percent_of_note: Text | None = None
    base: Base | None = None
    target_count: Count | None = None
    target_count_approximate: bool = False
    over_100_reason: Text | None = Field(
        None, description="Why a share above 100% is real (non-residents, stale base, backlog)."
    )
    quotes: Annotated[list[Text], Field(min_length=1)]
    note: Text | None = None

    @model_validator(mode="after")
    def _reported_something(self) -> Observation:
        if self.count is None and self.percent is None:
            raise ValueError("an observation needs a count, a percent, or both")
        if self.percent is not None and self.percent_of is None:
            raise ValueError(
                "percent_of is missing: say what the percent is of "
                "(wajib_ktp, perekaman_ktp_el, penduduk, anak, target, or unspecified)"
            )
        return self


class ProgramStart(Model):
    """When IKD opened to the public: the start of the only pace a single observation allows."""

    date: DateField
    source: Id
    quote: Text | None = None
    note: Text = Field(description="Why this date; say so when the source's words are not stored.")


class Program(Model):
    public_opening: ProgramStart


class Dataset(Model):
    version: Literal[1]
    program: Program | None = None
    sources: list[Source]
    indicators: list[Indicator]
    regions: list[Region]
    observations: list[Observation] = []
