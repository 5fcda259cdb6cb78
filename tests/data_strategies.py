"""Hypothesis strategies for *valid* data files, written from the models: every way a region publishes a figure
(count only, percent only, both, bounds, a base named without its size, a percent of the base beside a percent of
the target, a percent of the target alone), every date precision, sources with and without a stored article, and
empty lists everywhere they are allowed."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

KINDS = ["wajib_ktp", "perekaman_ktp_el", "penduduk", "anak"]
ARTICLE = "Artikel uji. Angka-angka di berkas ini hanya untuk tes."


@st.composite
def written_date(draw: st.DrawFn, latest: dt.date) -> object:
    """A date at one of the five precisions, no later than `latest` (the file's 'today' and the publication)."""
    day = draw(st.dates(dt.date(2023, 3, 1), latest))
    precision = draw(st.sampled_from(["day", "month", "quarter", "half", "year"]))
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return day.strftime("%Y-%m")
    if precision == "quarter":
        return f"{day.year}-Q{(day.month + 2) // 3}"
    if precision == "half":
        return f"{day.year}-H{(day.month + 5) // 6}"
    return day.year


@st.composite
def observation(draw: st.DrawFn, n: int, region: str, indicator: str, source: str, latest: dt.date) -> dict:
    obs: dict = {"id": f"obs-{n}", "region": region, "indicator": indicator, "source": source,
                 "as_of": draw(written_date(latest)), "quotes": [ARTICLE]}
    form = draw(st.sampled_from(["count_only", "count_base", "percent", "percent_base", "percent_no_count",
                                 "bound", "of_target", "both_percents", "count_bound"]))
    kind = draw(st.sampled_from(KINDS))
    base_count = draw(st.integers(1_000, 5_000_000))
    percent = round(draw(st.floats(0, 99, allow_nan=False)), draw(st.integers(0, 2)))
    if form in ("count_only", "count_base", "count_bound"):
        obs["count"] = draw(st.integers(0, base_count))
        obs["count_approximate"] = draw(st.booleans())
    if form == "count_bound":
        obs["count_bound"] = draw(st.sampled_from(["lower", "upper"]))
    if form in ("count_base", "percent_base"):
        obs["base"] = {"kind": kind, "count": base_count, "approximate": draw(st.booleans())}
    if form in ("percent", "percent_base", "percent_no_count", "bound", "both_percents"):
        obs["percent"], obs["percent_of"] = percent, kind
        if form == "percent" and draw(st.booleans()):
            obs["percent_of"] = "unspecified"
    if form == "percent_no_count":
        obs["base"] = {"kind": kind}  # the source names the base, not its size
    if form == "bound":
        obs["percent_bound"] = draw(st.sampled_from(["lower", "upper"]))
    if form == "of_target":
        obs["percent"], obs["percent_of"] = round(draw(st.floats(0, 150, allow_nan=False)), 2), "target"
    if form == "both_percents":
        obs["percent_of_target"] = round(draw(st.floats(0, 300, allow_nan=False)), 2)
    if draw(st.integers(0, 4)) == 0:
        obs["target_count"] = draw(st.integers(1, 2_000_000))
    if draw(st.integers(0, 3)) == 0:
        obs["note"] = "Catatan analis uji."
    return obs


@st.composite
def data_file(draw: st.DrawFn, today: dt.date) -> dict:
    """A whole valid file as plain data (dump it with yaml.safe_dump)."""
    sources = [{"id": f"src-{k}", "publisher": "Penerbit uji", "date_published": today.isoformat(),
                **({"file": f"sources/src-{k}.txt"} if k % 2 == 0 else {})} for k in range(draw(st.integers(1, 3)))]
    indicator_ids = draw(st.lists(st.sampled_from(["ikd", "ktp_el", "kia"]), max_size=3, unique=True))
    indicators = [{"id": i, "name": {"id": f"Indikator {i}", "en": f"Indicator {i}"}, "base": "wajib_ktp",
                   "targets": [{"year": y, "percent": draw(st.sampled_from([25, 30, 60, 99])), "source": "src-0",
                                "quote": ARTICLE} for y in draw(st.lists(st.sampled_from([2023, 2024, 2026]),
                                                                          max_size=2, unique=True))]}
                  for i in indicator_ids]
    regions: list[dict] = []
    for k in range(draw(st.integers(0, 4))):
        level = draw(st.sampled_from(["provinsi", "kota", "kabupaten"]))
        region: dict = {"id": f"r{k}", "name": f"Wilayah Uji {k}", "level": level, "province": "Provinsi Uji"}
        if level != "provinsi" and regions and regions[0]["level"] == "provinsi" and draw(st.booleans()):
            region["parent"] = regions[0]["id"]
        if draw(st.booleans()):
            region["facts"] = {"population": {"value": draw(st.integers(1_000, 5_000_000)), "source": "src-0",
                                              "quote": ARTICLE}}
            if draw(st.booleans()):
                region["facts"]["service_points"] = {"value": draw(st.integers(1, 50)), "source": "src-0",
                                                     "quote": ARTICLE}
        regions.append(region)
    observations = []
    if regions and indicators:
        for n in range(draw(st.integers(0, 6))):
            observations.append(draw(observation(n, draw(st.sampled_from([r["id"] for r in regions])),
                                                 draw(st.sampled_from(indicator_ids)),
                                                 draw(st.sampled_from([s["id"] for s in sources])), today)))
    document: dict = {"version": 1, "sources": sources, "indicators": indicators, "regions": regions,
                      "observations": observations}
    if draw(st.booleans()):
        document["program"] = {"public_opening": {"date": "2023-Q1", "source": "src-0", "note": "Uji."}}
    return document


@st.composite
def projectable_file(draw: st.DrawFn, today: dt.date) -> dict:
    """A valid file every region of which can be projected: one indicator with a 30% target for `today`'s year, and
    per region one to three exact figures on distinct past days, in the forms regions publish (a count and its
    base, a percent and its base, a percent alone, a count alone beside a target count), each value approximate or
    not, a base an analyst's estimate or not."""
    document: dict = {
        "version": 1, "sources": [{"id": "src-0", "publisher": "Penerbit uji", "date_published": today.isoformat(),
                                   "file": "sources/src-0.txt"}],
        "indicators": [{"id": "ikd", "name": {"id": "Aktivasi IKD", "en": "IKD activation"}, "base": "wajib_ktp",
                        "targets": [{"year": today.year, "percent": 30, "source": "src-0", "quote": ARTICLE}]}],
        "regions": [], "observations": []}
    for k in range(draw(st.integers(1, 4))):
        document["regions"].append({"id": f"r{k}", "name": f"Wilayah Uji {k}", "level": "kota",
                                    "province": "Provinsi Uji"})
        base = draw(st.integers(10_000, 3_000_000))
        days = sorted(draw(st.lists(st.integers(30, 1_000), min_size=1, max_size=3, unique=True)), reverse=True)
        form = draw(st.sampled_from(["count_base", "percent_base", "percent", "count_target"]))
        for n, ago in enumerate(days):  # oldest first, each a little further on
            share = draw(st.floats(0.5, 25)) * (n + 1) / len(days)
            obs: dict = {"id": f"r{k}-{n}", "region": f"r{k}", "indicator": "ikd", "source": "src-0",
                         "as_of": (today - dt.timedelta(days=ago)).isoformat(), "quotes": [ARTICLE]}
            if form in ("count_base", "count_target"):
                obs["count"], obs["count_approximate"] = round(base * share / 100), draw(st.booleans())
            if form in ("percent_base", "percent"):
                obs["percent"], obs["percent_of"] = round(share, 2), "wajib_ktp"
                obs["percent_approximate"] = draw(st.booleans())
            if form in ("count_base", "percent_base"):
                obs["base"] = {"kind": "wajib_ktp", "count": base, "approximate": draw(st.booleans())}
                if draw(st.booleans()):
                    obs["base"]["estimate"] = "Perkiraan analis untuk uji."
            if form == "count_target":
                obs["target_count"] = round(base * 0.3)
            document["observations"].append(obs)
    return document
