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
    Strict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ikd_core.domain.dates import FuzzyDate

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=5000)]
DateField = Annotated[
    FuzzyDate,
    PlainValidator(FuzzyDate.parse),
    PlainSerializer(FuzzyDate.to_yaml, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?|-Q[1-4]|-H[12])?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2200},
            ],
            "description": '2024-11-12 (day), "2024-04" (month), "2025-Q4" (quarter), "2024-H1" (half-year: '
                           'semester I) or 2025 (year)',
        }
    ),
]
Level = Literal["provinsi", "kota", "kabupaten"]
BaseKind = Literal["wajib_ktp", "perekaman_ktp_el", "penduduk", "anak"]
# What a reported percent is a percent *of*: a base, the target itself, or not said.
PercentOf = Literal["wajib_ktp", "perekaman_ktp_el", "penduduk", "anak", "target", "unspecified"]
# A count is a whole number written without separators: strict, so that YAML's 19.0 (an analyst's "19.000") or a
# string is refused instead of read as 19.
Count = Annotated[int, Strict(), Field(ge=0, le=10_000_000_000)]
# "lebih dari 51 persen" is a lower bound (the figure is above it), "kurang dari 5 persen" an upper bound.
Bound = Literal["lower", "upper"]
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
    """The group a percent is taken of, and its size when the source states it. `estimate` holds the reasoning
    when no source states the size."""

    kind: BaseKind
    count: Annotated[int, Strict(), Field(gt=0, le=10_000_000_000)] | None = Field(
        None, description="Leave out when the source names the base but not its size.")
    approximate: bool = False
    estimate: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _estimate_has_a_count(self) -> Base:
        if self.count is None and (self.estimate or self.approximate):
            raise PydanticCustomError("ikd.base_without_count", "an estimated or approximate base needs its count")
        return self


class Observation(Model):
    id: Id
    region: Id
    indicator: Id
    as_of: DateField
    source: Id
    count: Count | None = None
    count_approximate: bool = False
    count_bound: Bound | None = Field(None, description='"lebih dari 11 ribu": lower; "kurang dari": upper.')
    percent: Percent | None = None
    percent_approximate: bool = False
    percent_bound: Bound | None = Field(None,
                                       description='"lebih dari 51 persen": lower; "kurang dari 5 persen": upper.')
    percent_of: PercentOf | None = None
    percent_of_note: Text | None = None
    percent_of_target: Percent | None = Field(
        None, description="The same figure also given as a percent of the target, as reported "
                          '("13,72 persen dari target nasional, atau 4,12 persen dari jumlah perekaman").')
    percent_of_target_approximate: bool = False
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
        for code, broken in (
            ("no_figure", self.count is None and self.percent is None),
            ("no_percent_of", self.percent is not None and self.percent_of is None),
            ("bound_without_count", self.count_bound is not None and self.count is None),
            ("bound_without_percent", self.percent_bound is not None and self.percent is None),
            ("percent_of_target_alone", self.percent_of_target is not None
             and (self.percent is None or self.percent_of == "target")),
        ):
            if broken:  # the words are in the catalogues (err.<code>); this English is for pydantic's own use
                raise PydanticCustomError(f"ikd.{code}", code.replace("_", " "))
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
