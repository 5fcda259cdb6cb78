"""The PowerPoint deck read back with python-pptx, at the seed's size and at national scale (552 regions): every text
box holds its text, nothing is under 18 pt, labels read on white, and the deck tells the story the Rakorda needs.

How a text box is judged (an estimate stated here, independent of the deck's own budget): a character of DejaVu Sans
(the deck's font) is taken as 0,6 em wide, 0,65 em in bold (on this text it averages 0,53 em, 0,59 em bold); a line
is 1,2 em high; characters on a line = (box width − 0,2 in of margins) × 72 / (0,6 × size); a paragraph takes
ceil(characters / characters on a line) lines, and the paragraph spacing the file sets is added after each
paragraph but the last. That height must not exceed the box height less 0,1 in of margins. A second check wraps the
words with DejaVu Sans's real glyph widths.
"""

from __future__ import annotations

import io
import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.util import Emu

from ikd_core.domain.loading import load_path
from ikd_core.domain.snapshot import build
from ikd_core.render.deck import build_deck
from ikd_core.render.pptx_deck import to_pptx

from conftest import DATA, TODAY

SEED = build(load_path(str(DATA), today=TODAY), TODAY)
BALIKPAPAN_10 = {"regions": ["balikpapan", "blitar"], "region": "balikpapan", "points": 10, "per_point": 20.0}
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@pytest.fixture(scope="module")
def national_path(national_file: Path) -> Path:
    return national_file  # generated once per run (conftest)


@pytest.fixture(scope="module")
def national(national_path: Path):
    return build(load_path(str(national_path), today=TODAY), TODAY)


@pytest.fixture(scope="module")
def decks(national) -> dict[str, tuple]:
    """name -> (deck, the PowerPoint read back)."""
    out = {}
    for name, snapshot, params, lang in [("seed-id", SEED, {}, "id"), ("seed-en", SEED, {}, "en"),
                                         ("scenario-id", SEED, BALIKPAPAN_10, "id"),
                                         ("national-id", national, {}, "id"), ("national-en", national, {}, "en")]:
        deck = build_deck(snapshot, params, lang)  # type: ignore[arg-type]
        out[name] = (deck, Presentation(io.BytesIO(to_pptx(deck))))
    return out


NAMES = ["seed-id", "seed-en", "scenario-id", "national-id", "national-en"]


def inches(emu) -> float:
    return Emu(emu).inches


def text_boxes(prs):
    for n, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text:
                yield n, shape


def sizes(shape) -> list[float]:
    return [run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs]


def estimated_height(shape) -> tuple[float, float]:
    """(points the text takes by the stated estimate, points the box holds)."""
    frame = shape.text_frame
    paragraphs = [p for p in frame.paragraphs]
    width = (inches(shape.width) - 0.2) * 72
    used = 0.0
    for k, p in enumerate(paragraphs):
        size = p.runs[0].font.size.pt
        em = 0.65 if p.runs[0].font.bold else 0.6
        per_line = math.floor(width / (em * size))
        used += math.ceil(len(p.text) / per_line) * 1.2 * size
        if k < len(paragraphs) - 1 and p.space_after is not None:
            used += p.space_after.pt
    return used, (inches(shape.height) - 0.1) * 72


@pytest.mark.parametrize("name", NAMES)
def test_every_text_box_holds_its_text(decks, name: str) -> None:
    deck, prs = decks[name]
    # Nothing went onto a PowerPoint-only continuation slide: the deck on screen and the file have the same slides.
    assert len(prs.slides) == len(deck.slides)
    for n, shape in text_boxes(prs):
        used, room = estimated_height(shape)
        assert used <= room + 0.01, f"slide {n}: {used:.0f} pt of text in a {room:.0f} pt box: {shape.text[:80]}"
        # ... and inside the 13,33 × 7,5 in slide.
        assert 0 <= inches(shape.left) and inches(shape.left + shape.width) <= 13.34, (n, shape.text[:40])
        assert 0 <= inches(shape.top) and inches(shape.top + shape.height) <= 7.5, (n, shape.text[:40])


def real_lines(text: str, width_pt: float, size: float, font) -> int:
    """Lines with DejaVu Sans's own advance widths, words wrapped greedily."""
    lines, current = 1, ""
    for word in text.split(" "):
        trial = f"{current} {word}" if current else word
        if font.getlength(trial) * size / 100 <= width_pt or not current:
            current = trial
        else:
            lines, current = lines + 1, word
    return lines


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is not installed")
@pytest.mark.parametrize("name", ["seed-id", "national-id", "national-en"])
def test_every_text_box_holds_its_text_in_real_glyph_widths(decks, name: str) -> None:
    from PIL import ImageFont

    regular, bold = ImageFont.truetype(str(DEJAVU), 100), ImageFont.truetype(str(DEJAVU_BOLD), 100)
    _, prs = decks[name]
    for n, shape in text_boxes(prs):
        width = (inches(shape.width) - 0.2) * 72
        paragraphs = shape.text_frame.paragraphs
        used = sum(real_lines(p.text, width, p.runs[0].font.size.pt, bold if p.runs[0].font.bold else regular)
                   * 1.17 * p.runs[0].font.size.pt for p in paragraphs)
        used += sum(p.space_after.pt for p in paragraphs[:-1] if p.space_after is not None)
        assert used <= (inches(shape.height) - 0.1) * 72, (n, shape.text[:80])


@pytest.mark.parametrize("name", NAMES)
def test_no_text_under_18_pt_and_titles_at_24_or_more(decks, name: str) -> None:
    _, prs = decks[name]
    for n, slide in enumerate(prs.slides, start=1):
        boxes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text]
        assert min(sizes(boxes[0])) >= 24, f"slide {n}'s title: {sizes(boxes[0])}"  # the title comes first
        for shape in boxes:
            assert min(sizes(shape)) >= 18, (n, shape.text[:40], sizes(shape))
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            xml = shape.chart._chartSpace.xml
            # Every size written in the chart (axes, legend, labels, title) is 18 pt or more, and the chart's own
            # default, which every text without a size of its own takes, is set: nothing falls back to 10 pt.
            written = [int(v) for v in re.findall(r'\bsz="(\d+)"', xml)]
            assert written and min(written) >= 1800, (n, sorted(set(written)))
            default = shape.chart._chartSpace.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}txPr")
            assert default is not None and int(re.search(r'sz="(\d+)"', default.xml).group(1)) >= 1800  # type: ignore


def contrast(a: str, b: str = "FFFFFF") -> float:
    """WCAG 2.1 contrast ratio, written out here from the definition."""
    def lum(hex_colour: str) -> float:
        out = []
        for i in (0, 2, 4):
            c = int(hex_colour[i:i + 2], 16) / 255
            out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", ["seed-id", "scenario-id", "national-id"])
def test_every_text_colour_reads_on_white(decks, name: str) -> None:
    _, prs = decks[name]
    colours = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            xml = shape.chart._chartSpace.xml if shape.has_chart else shape._element.xml
            # Colours of text runs and data labels (a:rPr ... a:solidFill/a:srgbClr), not of lines and fills.
            colours |= set(re.findall(r'<a:rPr[^>]*>\s*<a:solidFill>\s*<a:srgbClr val="([0-9A-F]{6})"', xml))
    assert colours
    # The Okabe-Ito orange (#E69F00, 2,25:1) and sky blue (#56B4E9, 2,3:1) never colour text as they are.
    assert {"E69F00", "56B4E9"}.isdisjoint(colours)
    assert all(contrast(c) >= 4.5 for c in colours), {c: round(contrast(c), 2) for c in colours}


# --- the story --------------------------------------------------------------------------------------------------
def test_the_title_slide_carries_the_seeds_headline_numbers() -> None:
    deck = build_deck(SEED, {}, "id")
    title = deck.slides[0]
    # Worked from the seed: Padang on track (29,92% on 1 Nov 2024, 30% reached by the deadline at its pace), the
    # other four behind (their reach dates, 2027 and later, are after 31 Dec 2026, and twice their pace does not
    # reach by then either); none reached (Padang's 203.479 of 680.160 is 569 short). The median of the five
    # percents 29,92 / 19 / 8,5 / 5,77 / 2,2 is 8,5. Figures from April 2024 (Denpasar) to 18 Feb 2026 (Balikpapan).
    nbsp = "\u00a0"
    assert title.bullets == [
        "Target: 30% pada akhir 2026",
        " · ".join(s.replace(" ", nbsp) for s in ["✔ tercapai: 0", "● sesuai jalur: 1", "▲ berisiko: 0",
                                                  "✖ tertinggal: 4"]),
        "Median persen terbaru: 8,5%",
        "Tanggal data: April 2024 – 18 Februari 2026",
        "Disusun 23 November 2026 dari angka yang dikutip apa adanya dari sumbernya",
    ]
    assert title.subtitle == "Bahan Rakorda · 5 wilayah"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_scenario_slide_when_the_link_changes_nothing(lang: str) -> None:
    assert "scenario" not in [s.key for s in build_deck(SEED, {}, lang).slides]  # type: ignore[arg-type]
    changed = build_deck(SEED, BALIKPAPAN_10, lang)  # type: ignore[arg-type]
    scenario = next(s for s in changed.slides if s.key == "scenario")
    assert any("0 → 10" in b for b in scenario.bullets)


def latest_percent_model(path: Path) -> dict[str, float]:
    """Each region's latest IKD percent read from the YAML: the stated percent, unless the stated count over the
    stated base differs from it by more than the percent's own rounding (half a unit of its last written decimal):
    then count / base × 100."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    latest: dict[str, dict] = {}
    for o in doc["observations"]:
        newer = o["region"] not in latest or str(o["as_of"]) > str(latest[o["region"]]["as_of"])
        if o["indicator"] == "ikd" and newer:
            latest[o["region"]] = o
    out = {}
    for rid, o in latest.items():
        base = (o.get("base") or {}).get("count")
        computed = o["count"] / base * 100 if o.get("count") is not None and base else None
        if o.get("percent") is None:
            if computed is not None:
                out[rid] = computed
            continue
        exponent = Decimal(repr(float(o["percent"]))).normalize().as_tuple().exponent
        half = 0.5 * 10 ** -max(0, -exponent)  # type: ignore[operator]
        out[rid] = computed if computed is not None and abs(computed - o["percent"]) > half + 1e-9 else o["percent"]
    return out


def test_national_projections_go_to_the_regions_furthest_behind(national, national_path: Path) -> None:
    deck = build_deck(national, {}, "id")
    model = latest_percent_model(national_path)
    lowest = sorted((p, rid) for rid, p in model.items() if p < 30)[:6]
    assert [s.key for s in deck.slides if s.key.startswith("projection:")] == [f"projection:{rid}"
                                                                               for _, rid in lowest]
    # None of them is at the target, and each says which it is from the bottom.
    for k, s in enumerate(s for s in deck.slides if s.key.startswith("projection:")):
        assert "tercapai" not in s.bullets[-1] and f"terendah ke-{k + 1} dari 552" in s.subtitle
    # The ranking slide shows the ten lowest, the full list pointed to, the statuses counted.
    ranking = deck.slides[1]
    assert sorted(model.values())[:10] == pytest.approx(sorted(ranking.chart.series[0].values), abs=1e-9)  # type: ignore
    assert any("Daftar lengkap" in b for b in ranking.bullets)


@pytest.mark.parametrize("name", NAMES)
def test_every_slide_has_a_talking_point_in_the_decks_language(decks, name: str) -> None:
    deck, prs = decks[name]
    for s, slide in zip(deck.slides, prs.slides, strict=True):
        notes = slide.notes_slide.notes_text_frame.text
        assert s.talk and notes.startswith(s.talk), s.key
    talks = " ".join(s.talk for s in deck.slides)
    if deck.lang == "en":
        assert "wilayah" not in talks and "regions" in talks
    else:
        assert "wilayah" in talks and "regions" not in talks


def test_national_lists_become_counts(decks) -> None:
    deck, prs = decks["national-id"]
    # No bullet lists hundreds of names: the longest is a sentence, not a list (the old slide had 5.172 characters).
    assert max(len(b) for s in deck.slides for b in s.bullets) < 160
    needed = next(s for s in deck.slides if s.key == "needed")
    assert any(re.fullmatch(r"Sudah mencapai target: \d+ wilayah \(daftarnya di lembar Excel\)", b)
               for b in needed.bullets)
    # The speaker notes of a national slide point to the Excel sheet instead of quoting 552 sources.
    assert max(len(slide.notes_slide.notes_text_frame.text) for slide in prs.slides) < 5000

