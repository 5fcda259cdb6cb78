"""A synthetic national data file for tests and benchmarks (never for data/regions.yaml):

    python -m ikd_core.synth --regions 552 --months 36 --seed 1 --out FILE

38 provinces and their kabupaten/kota (552 regions in all by default), each with monthly IKD figures over
`months` months. Every name, source and quote says it is synthetic. Regions report the way real ones do: counts
with wajib KTP bases, percents of perekaman KTP-el, rounded "sekitar" percents, percents without counts; some
report late (stale data) and a few percents disagree with their counts (warnings), so every page has something to
show. The same seed always writes the same file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
from pathlib import Path

import yaml
from dateutil.relativedelta import relativedelta

PROVINCES = 38
END = (2026, 10)  # the last month of data: fixed, so a seed always gives the same file


def _month(end: tuple[int, int], back: int) -> str:
    return (dt.date(end[0], end[1], 1) - relativedelta(months=back)).strftime("%Y-%m")


def _split(rnd: random.Random, children: int, provinces: int) -> list[int]:
    """How many kabupaten/kota each province has: at least 2, the rest spread unevenly (as in Indonesia)."""
    counts = [2] * provinces
    for _ in range(children - 2 * provinces):
        counts[min(int(rnd.paretovariate(1.2)) - 1, provinces - 1) if rnd.random() < 0.3
               else rnd.randrange(provinces)] += 1
    return counts


def generate(regions: int = 552, months: int = 36, seed: int = 1) -> dict:
    """The data file as a dict, ready to be written as YAML."""
    if regions < PROVINCES * 3:
        raise ValueError(f"--regions must be at least {PROVINCES * 3} (38 provinces, two kabupaten/kota each)")
    rnd = random.Random(seed)
    sources = [{"id": "synth-target", "publisher": "Sintetis", "title": "Target sintetis, bukan data nyata",
                "date_published": "2023-01",
                "date_note": "Berkas sintetis untuk uji skala dan benchmark; bukan data nyata."}]
    indicators = [{"id": "ikd", "name": {"id": "Aktivasi IKD", "en": "IKD activation"}, "base": "wajib_ktp",
                   "targets": [{"year": y, "percent": 25 if y == 2023 else 30, "source": "synth-target",
                                "quote": f"Target sintetis {25 if y == 2023 else 30} persen"}
                               for y in range(2023, 2031)]}]
    out_regions: list[dict] = []
    observations: list[dict] = []
    counts = _split(rnd, regions - PROVINCES, PROVINCES)
    for p in range(1, PROVINCES + 1):
        pid, pname = f"prov-{p:02d}", f"Provinsi Sintetis {p:02d}"
        source_id = f"synth-{pid}"
        sources.append({"id": source_id, "publisher": f"Sintetis: Disdukcapil {pname}",
                        "title": f"Laporan bulanan sintetis {pname}", "date_published": _month(END, 0),
                        "date_note": "Berkas sintetis untuk uji skala dan benchmark; bukan data nyata."})
        out_regions.append({"id": pid, "name": pname, "level": "provinsi", "province": pname})
        province_base = 0
        for k in range(1, counts[p - 1] + 1):
            level = "kota" if rnd.random() < 0.18 else "kabupaten"
            rid = f"{pid}-{k:02d}"
            name = f"{'Kota' if level == 'kota' else 'Kabupaten'} Sintetis {p:02d}.{k:02d}"
            base = int(math.exp(rnd.gauss(math.log(380_000), 0.8)))
            base = min(max(base, 15_000), 4_500_000)
            province_base += base
            out_regions.append({"id": rid, "name": name, "level": level, "parent": pid, "province": pname})
            observations += _series(rnd, rid, name, base, months, source_id)
        observations += _series(rnd, pid, pname, province_base, months, source_id, style="count")
    return {"version": 1, "program": {"public_opening": {
        "date": "2023-Q1", "source": "synth-target",
        "note": "Sintetis: dibuka untuk umum triwulan I 2023."}},
        "sources": sources, "indicators": indicators, "regions": out_regions, "observations": observations}


def _series(rnd: random.Random, rid: str, name: str, base: int, months: int, source: str,
            style: str | None = None) -> list[dict]:
    """Monthly figures for one region, oldest first, in one reporting style."""
    style = style or rnd.choices(["count", "ktp_el", "rounded", "percent_only"], [55, 20, 15, 10])[0]
    stale = rnd.random() < 0.06  # stopped reporting half a year or more ago
    skip = rnd.randint(7, 14) if stale else 0
    percent = rnd.uniform(0.3, 6.0)
    monthly = rnd.uniform(0.15, 1.1)
    record_base = int(base * rnd.uniform(0.9, 0.99))  # perekaman KTP-el: slightly under wajib KTP
    out = []
    for back in range(months - 1 + skip, skip - 1, -1):
        percent = min(99.0, percent + max(0.0, rnd.gauss(monthly, monthly * 0.4)))
        as_of = _month(END, back)
        obs: dict = {"id": f"{rid}-{as_of}", "region": rid, "indicator": "ikd", "as_of": as_of, "source": source}
        if style == "count":
            count = round(percent * base / 100)
            shown = round(100 * count / base, 2)
            if rnd.random() < 0.01:  # a typo in a report: the percent disagrees with its count
                shown = round(shown + rnd.choice([-1, 1]) * rnd.uniform(0.5, 2), 2)
            obs |= {"count": count, "percent": max(0.0, shown), "percent_of": "wajib_ktp",
                    "base": {"kind": "wajib_ktp", "count": base}}
            quote = f"{count} dari {base} wajib KTP atau {shown} persen"
        elif style == "ktp_el":
            count = round(percent * record_base / 100)
            shown = round(100 * count / record_base, 2)
            obs |= {"count": count, "percent": shown, "percent_of": "perekaman_ktp_el",
                    "base": {"kind": "perekaman_ktp_el", "count": record_base}}
            quote = f"{count} dari {record_base} perekaman KTP-el atau {shown} persen"
        elif style == "rounded":
            shown = round(percent)
            obs |= {"percent": float(shown), "percent_approximate": True, "percent_of": "wajib_ktp",
                    "base": {"kind": "wajib_ktp", "count": base}}
            quote = f"sekitar {shown} persen dari {base} wajib KTP"
        else:
            shown = round(percent, 1)
            obs |= {"percent": shown, "percent_of": "wajib_ktp"}
            quote = f"sudah {shown} persen"
        obs["quotes"] = [f"Sintetis, {name}: {quote}"]
        out.append(obs)
    return out


def write(path: Path, regions: int, months: int, seed: int) -> int:
    text = yaml.dump(generate(regions, months, seed), Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True,
                     width=120)
    header = ("# SYNTHETIC national-scale data for tests and benchmarks (python -m ikd_core.synth).\n"
              "# Not real figures: never copy anything from here into data/regions.yaml.\n")
    path.write_text(header + text, encoding="utf-8")
    return len(header) + len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ikd_core.synth", description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=552)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    size = write(Path(args.out), args.regions, args.months, args.seed)
    print(f"wrote {args.out}: {args.regions} regions, {args.months} months, {size:,} bytes (synthetic)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
