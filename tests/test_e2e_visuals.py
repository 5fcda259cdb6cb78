"""Every page and every slide, on the seed and the national file, at 1920×1080, 1280×720 and 390×844 in Debian's
Chromium: a screenshot of each, and a measurement that no text is cut off or outside its box and that every label
reads at 4,5:1 or more.

Screenshots: tests/artifacts/visual-<page>-<seed|national>-<width>.png (the whole page: the window is made as tall as
the page for the picture, after the measurement at the real size) and visual-slide-<n>-<seed|national>-<width>.png.

What is measured (MEASURE below, one pass per page, size and file) is listed there; each finding names the page, the
file, the width, the element's words and the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import Server
from e2e_helpers import open_context, screenshot, wait_for_app

pytestmark = pytest.mark.e2e

SIZES = ((1920, 1080), (1280, 720), (390, 844))
PAGES = ("ringkasan", "bandingkan", "wilayah", "proyeksi", "simulasi", "data", "presentasi")
COUNTER = ".st-key-slide-nav [data-testid=stMarkdownContainer] strong"
# The seed deck with its scenario slide (as test_e2e_present opens it); the national deck from its defaults.
SEED_SCENARIO = "regions=balikpapan&regions=blitar&region=balikpapan&points=10&per_point=20"

# One pass over the page in the browser. Argument: {roots: CSS selectors of the areas measured}. Returns findings as
# readable strings. "Text" is every non-empty text node (measured by its own glyph box, from a Range, not by its
# element's box) and every SVG <text> of a plotly chart. Left out: Streamlit's dataframes (glide data grid draws its
# cells on a canvas; its DOM is an off-screen accessibility copy), plotly's hover layer and mode bar, <style> and
# <script>, and anything not rendered. What counts as a finding:
#  (a) the document or the scrolling main area scrolls sideways (scrollWidth > clientWidth + 1);
#  (b) text cut off: its element's scrollWidth/scrollHeight passes its client box while overflow hides it (or an
#      ellipsis ends it), or its glyphs pass the padding box of a box around it with overflow hidden/clip (a box
#      made to scroll, such as a multiselect's row of chips or a code block, scrolls: it does not cut);
#  (c) text outside the window across (left < -1 or right > innerWidth + 1), unless inside a box made to scroll;
#  (d) plotly: a chart outside the window or its element, a chart text outside the chart's svg box or outside the
#      clip path it is drawn through (the plot area), a solid shape (another series' marker) painted over a label,
#      and texts printed over each other (one finding per chart);
#  (e) contrast under 4,5:1 (WCAG 2): HTML text against the background colours of the boxes under it, composited on
#      white (inactive widgets and placeholders exempt, as in WCAG 1.4.3), and chart text against whatever the
#      chart paints under it, sampled at five points along its middle line (paper, plot, a band, a bar, a marker);
#      one finding per colour pair, with examples;
#  and two Streamlit blocks laid over each other (a chart's title over the table above it).
MEASURE = r"""
(args) => {
  const out = [];
  const W = innerWidth;
  const words = (s) => (s || '').replace(/\s+/g, ' ').trim().slice(0, 70);
  const n = (v) => Math.round(v * 10) / 10;
  const box = (r) => `[${n(r.left)}, ${n(r.top)}, ${n(r.right)}, ${n(r.bottom)}]`;
  const shown = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const meet = (a, b) => [Math.min(a.right, b.right) - Math.max(a.left, b.left),
                          Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)];
  // Not measured as HTML text: Streamlit's dataframes (glide data grid draws its cells on a canvas; its DOM is an
  // off-screen accessibility copy), plotly's SVG (measured on its own below), <style> and <script>.
  const SKIP = '[data-testid=stDataFrame], [data-testid=stDataFrameResizable], svg, style, script, noscript, template';
  // The boxes the whole page scrolls in: text past their bottom is further down the page, not cut off.
  const PAGE = (e) => e === document.documentElement || e === document.body ||
                      e.matches('[data-testid=stApp], [data-testid=stAppViewContainer], [data-testid=stMain], ' +
                                '[data-testid=stSidebar], [data-testid=stSidebarContent]');

  // --- colour: WCAG 2 relative luminance and contrast, alpha composited over what lies beneath -------------------
  const parse = (c) => {
    if (!c || c === 'none' || c === 'transparent' || c.startsWith('url')) return null;
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;  // a colour syntax this code does not read: no claim either way
    const v = m[1].split(/[\s,\/]+/).filter(Boolean).map(parseFloat);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
  };
  const over = (top, below) => [0, 1, 2].map((k) => top[k] * top[3] + below[k] * (1 - top[3])).concat([1]);
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  // The opaque colour under point (x, y) of an HTML element: the background colours of it and of its ancestors whose
  // box holds that point (a slider's value is positioned above its coloured track, outside it), composited on the
  // page's white. null when an image or gradient is in the way: then nothing is claimed.
  const backdrop = (el, x, y) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const r = e.getBoundingClientRect();
      if (e !== el && (x < r.left || x > r.right || y < r.top || y > r.bottom)) continue;
      const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none') return null;
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const opacity = (el, stop) => {  // the product of the opacities from el up to (not including) stop
    let o = 1;
    for (let e = el; e && e !== stop && e.nodeType === 1; e = e.parentElement)
      o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  // WCAG 1.4.3 exempts inactive controls (a disabled widget: its label too) and placeholders.
  const inactive = (el) => !!el.closest('[disabled], [aria-disabled=true]') ||
    !!el.closest('[data-testid=stElementContainer]')?.querySelector(':disabled, [aria-disabled=true]');
  const placeholder = (el) => !!el.closest('[class*=placeholder i], [data-placeholder]');
  // Low-contrast findings of one colour pair are one finding, with a few examples.
  const faint = new Map();
  const addFaint = (ratio, ink, bg, what) => {
    const key = `contrast ${ratio.toFixed(2)}:1 < 4,5:1: ${hex(ink)} on ${hex(bg)}`;
    faint.set(key, [...(faint.get(key) || []), what]);
  };

  const roots = args.roots.map((s) => document.querySelector(s)).filter(Boolean);

  // (a) Nothing makes the document or the scrolling main area scroll sideways.
  for (const el of [document.documentElement, document.body, document.querySelector('[data-testid=stMain]'),
                    document.querySelector('[data-testid=stAppViewContainer]')]) {
    if (el && el.scrollWidth > el.clientWidth + 1)
      out.push(`scrolls sideways: ${el.dataset.testid || el.tagName} scrollWidth ${el.scrollWidth} > ` +
               `clientWidth ${el.clientWidth}`);
  }

  // (b), (c), (e) for HTML text. The boxes that cut off text passing their padding box: overflow hidden or clip on
  // an axis. Climbing stops on an axis at the first box that scrolls on it (a multiselect's row of chips, a code
  // block, the page): what lies past it is reached by scrolling, not cut (and the page's own sideways scroll is (a)).
  const cutters = (el) => {
    const found = [];
    let x = true, y = true, scroller = null;
    for (let e = el.parentElement; e && (x || y); e = e.parentElement) {
      const s = getComputedStyle(e);
      const cx = x && ['hidden', 'clip'].includes(s.overflowX), cy = y && ['hidden', 'clip'].includes(s.overflowY);
      if (cx || cy) found.push({e, x: cx, y: cy});
      if (['auto', 'scroll'].includes(s.overflowX)) { x = false; if (!PAGE(e)) scroller = scroller || e; }
      if (['auto', 'scroll'].includes(s.overflowY)) y = false;
    }
    return {found, scroller};
  };
  const seen = new Set();
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const el = t.parentElement;
      const text = words(t.textContent);
      if (!text || !el || el.closest(SKIP) || !shown(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      const r = range.getBoundingClientRect();  // the glyphs' own box, not the element's
      if (r.width < 1 || r.height < 1) continue;
      const {found, scroller} = cutters(el);
      // Visually hidden text (for screen readers) sits in a clipping box of a pixel or two: not drawn.
      if (found.some(({e}) => e.clientWidth <= 2 || e.clientHeight <= 2)) continue;
      const s = getComputedStyle(el);
      const where = `"${text}" (${el.tagName.toLowerCase()}${el.dataset.testid ? ' ' + el.dataset.testid : ''})`;
      // (b) Cut off: its own box clips it (content wider or taller than the box while overflow hides it, or ends
      // it with an ellipsis) ...
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 &&
          (s.overflowX !== 'visible' || s.textOverflow === 'ellipsis'))
        out.push(`text cut off across: ${where} scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
      else if (el.clientHeight > 0 && el.scrollHeight > el.clientHeight + 1 && ['hidden', 'clip'].includes(s.overflowY))
        out.push(`text cut off below: ${where} scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}`);
      else {
        // ... or a box around it clips it: the glyphs pass that box's padding box.
        for (const {e, x, y} of found) {
          const b = e.getBoundingClientRect();
          const left = b.left + e.clientLeft, top = b.top + e.clientTop;
          const inner = {left, top, right: left + e.clientWidth, bottom: top + e.clientHeight};
          if ((x && (r.left < inner.left - 1 || r.right > inner.right + 1)) ||
              (y && (r.top < inner.top - 1 || r.bottom > inner.bottom + 1))) {
            const cs = getComputedStyle(e);
            out.push(`text cut off by its box: ${where} at ${box(r)} outside ` +
                     `${e.dataset.testid || e.getAttribute('class') || e.tagName} ${box(inner)} ` +
                     `(overflow ${cs.overflowX}/${cs.overflowY})`);
            break;
          }
        }
      }
      // (c) Inside the window across (a box made to scroll sideways may hold more than the window).
      if (!scroller && (r.left < -1 || r.right > W + 1))
        out.push(`text outside the window: ${where} at ${box(r)}, window ${W} px wide`);
      // (e) 4,5:1 against what it is drawn on.
      if (seen.has(el)) continue;
      seen.add(el);
      if (inactive(el) || placeholder(el)) continue;
      const bg = backdrop(el, (r.left + r.right) / 2, (r.top + r.bottom) / 2), fg = parse(s.color);
      if (!bg || !fg) continue;
      const ink = over([fg[0], fg[1], fg[2], fg[3] * opacity(el, null)], bg);
      const ratio = contrast(ink, bg);
      if (ratio < 4.5) addFaint(ratio, ink, bg, where);
    }
    // Typed values: an input draws its value without a text node.
    const typed = 'input[type=text], input[type=number], input[type=search], input:not([type]), textarea';
    for (const el of root.querySelectorAll(typed)) {
      if (!el.value || el.disabled || el.readOnly && el.closest('[aria-disabled=true]') || !shown(el)) continue;
      const r = el.getBoundingClientRect();
      const bg = backdrop(el, (r.left + r.right) / 2, (r.top + r.bottom) / 2), fg = parse(getComputedStyle(el).color);
      if (!bg || !fg) continue;
      const ink = over(fg, bg), ratio = contrast(ink, bg);
      if (ratio < 4.5)
        addFaint(ratio, ink, bg, `input value "${words(el.value)}" (${el.getAttribute('aria-label') || el.type})`);
    }
  }

  // Blocks laid over each other: two elements of one Streamlit block whose boxes overlap (a chart's title printed
  // over the table above it).
  for (const root of roots) {
    const blocks = root.querySelectorAll('[data-testid=stVerticalBlock], [data-testid=stHorizontalBlock]');
    for (const block of [root, ...blocks]) {
      if (block.closest(SKIP)) continue;
      const kids = [...block.children].filter((k) => k.checkVisibility())
        .map((k) => ({k, r: k.getBoundingClientRect()}))
        .filter(({r}) => r.width > 1 && r.height > 1);
      for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) {
        const [dx, dy] = meet(kids[i].r, kids[j].r);
        if (dx > 1 && dy > 1)
          out.push(`blocks overlap by ${n(dx)} × ${n(dy)} px: "${words(kids[i].k.textContent).slice(0, 40)}" ` +
                   `${box(kids[i].r)} and "${words(kids[j].k.textContent).slice(0, 40)}" ${box(kids[j].r)}`);
      }
    }
  }

  // (d), (e) for plotly charts: every text of the chart (not its hover layer or mode bar).
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    if (!roots.some((root) => root.contains(chart)) || !chart.checkVisibility()) continue;
    const svgs = [...chart.querySelectorAll('svg.main-svg')];
    if (!svgs.length) { out.push('a chart that did not draw'); continue; }
    const frame = svgs[0].getBoundingClientRect();
    const name = `chart "${words(chart.querySelector('.gtitle')?.textContent) || 'untitled'}"`;
    if (frame.left < -1 || frame.right > W + 1)
      out.push(`${name} outside the window: ${box(frame)}, window ${W} px wide`);
    const holder = chart.closest(':is([data-testid=stPlotlyChart], .ikd-live-chart)')?.getBoundingClientRect();
    if (holder && (frame.top < holder.top - 1 || frame.bottom > holder.bottom + 1 || frame.right > holder.right + 1))
      out.push(`${name} ${box(frame)} outside its element ${box(holder)}`);
    // What the chart paints, in painting (document) order: each svg's background, then every filled shape.
    const shapes = [];
    for (const svg of svgs) {
      shapes.push({g: svg, svg: true, fill: parse(getComputedStyle(svg).backgroundColor)});
      for (const g of svg.querySelectorAll('path, rect, circle, ellipse, polygon')) {
        if (g.closest('.hoverlayer, .modebar, defs, clipPath, mask, pattern')) continue;
        const cs = getComputedStyle(g);
        const fill = parse(cs.fill);
        if (!fill || cs.visibility === 'hidden' || cs.display === 'none') continue;
        const a = fill[3] * parseFloat(cs.fillOpacity) * opacity(g, svg.parentElement);
        if (a > 0.02) shapes.push({g, fill: [fill[0], fill[1], fill[2], a], legend: !!g.closest('.legend')});
      }
    }
    const base = backdrop(chart, (frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2) || [255, 255, 255, 1];
    const hit = (sh, x, y) => {
      if (sh.svg) return true;
      const m = sh.g.getScreenCTM();
      return !!m && sh.g.isPointInFill(new DOMPoint(x, y).matrixTransform(m.inverse()));
    };
    // The opaque colour under client point (x, y) below text t, and the solid shape painted over t there, if any.
    const under = (t, x, y) => {
      let c = base, cover = null;
      for (const sh of shapes) {
        if (!sh.fill || sh.fill[3] <= 0 || !hit(sh, x, y)) continue;
        const after = sh.g.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING;
        if (!after) c = over(sh.fill, c);
        else if (!sh.svg && sh.fill[3] >= 0.5 && !sh.legend && !cover) cover = sh.g;
      }
      return {c, cover};
    };
    // The rectangle, in client pixels, a clip-path="url(#…)" on t or an ancestor lets through (plotly clips what
    // is drawn in the plot area to it).
    const clipOf = (t) => {
      let r = null;
      for (let e = t; e && e.tagName.toLowerCase() !== 'svg'; e = e.parentElement) {
        const id = (e.getAttribute('clip-path') || '').match(/url\(["']?#([^"')]+)["']?\)/)?.[1];
        const rect = id && document.getElementById(id)?.querySelector('rect');
        const m = rect && e.getScreenCTM();
        if (!m) continue;
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => rect[k].baseVal.value);
        const p = new DOMPoint(x, y).matrixTransform(m), q = new DOMPoint(x + w, y + h).matrixTransform(m);
        const c = {left: Math.min(p.x, q.x), top: Math.min(p.y, q.y),
                   right: Math.max(p.x, q.x), bottom: Math.max(p.y, q.y)};
        r = r ? {left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right),
                 bottom: Math.min(r.bottom, c.bottom)} : c;
      }
      return r;
    };
    const texts = [];
    for (const t of chart.querySelectorAll('svg.main-svg text')) {
      if (t.closest('.hoverlayer, .modebar')) continue;
      const text = words(t.textContent);
      const r = t.getBoundingClientRect();
      if (!text || r.width < 1 || r.height < 1 || !shown(t)) continue;
      const kind = t.closest('.g-gtitle') ? 'title' : t.closest('.legend') ? 'legend' :
                   t.closest('.annotation') ? 'note' : t.closest('.xtick, .ytick, .x2tick, .y2tick') ? 'tick' :
                   t.closest('.g-xtitle, .g-ytitle') ? 'axis title' :
                   t.closest('.textpoint, .bartext, .point') ? 'label' : 'text';
      const where = `${name}: ${kind} "${text}"`;
      // plotly turns date ticks that would meet by an angle: their boxes (square to the page) then overlap while
      // the words do not, so ticks are not compared with each other when one is turned.
      const turned = /rotate\(\s*-?[1-9]/.test(t.getAttribute('transform') || '');
      texts.push({r, where, text, kind, turned});
      // (d) Inside the chart's own box, and inside the clip path it is drawn through.
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
        out.push(`${where} at ${box(r)} outside the chart ${box(frame)}`);
      const clip = clipOf(t);
      if (clip && (r.left < clip.left - 1 || r.right > clip.right + 1 ||
                   r.top < clip.top - 1 || r.bottom > clip.bottom + 1))
        out.push(`${where} at ${box(r)} cut off by the plot area ${box(clip)}`);
      // (e) 4,5:1 at five points along its middle line, against whatever is painted under each; and no solid shape
      // (another series' marker, a bar) painted over it.
      const cs = getComputedStyle(t);
      const fg = parse(cs.fill);
      if (!fg) continue;
      const ink = [fg[0], fg[1], fg[2], fg[3] * parseFloat(cs.fillOpacity) * opacity(t, chart)];
      let worst = null, cover = null;
      for (const f of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const at = under(t, r.left + f * r.width, r.top + r.height / 2);
        const ratio = contrast(over(ink, at.c), at.c);
        if (!worst || ratio < worst.ratio) worst = {ratio, bg: at.c, ink: over(ink, at.c)};
        cover = cover || at.cover;
      }
      if (worst.ratio < 4.5) addFaint(worst.ratio, worst.ink, worst.bg, where);
      if (cover) out.push(`${where} at ${box(r)} partly hidden under a shape painted over it ` +
                          `(${cover.closest('[class*=trace]')?.getAttribute('class') || cover.tagName} ` +
                          `${box(cover.getBoundingClientRect())})`);
    }
    // Labels, notes, titles and legend entries printed over each other (one finding per chart, with examples).
    const clashes = [];
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i], b = texts[j];
      if (a.kind === 'tick' && b.kind === 'tick' && (a.turned || b.turned)) continue;
      const [dx, dy] = meet(a.r, b.r);
      if (dx > 1 && dy > 1) clashes.push(`${a.kind} "${a.text}" ${box(a.r)} × ${b.kind} "${b.text}" ${box(b.r)}`);
    }
    if (clashes.length)
      out.push(`${name}: texts printed over each other (${clashes.length}): ${clashes.slice(0, 4).join('; ')}` +
               (clashes.length > 4 ? '; …' : ''));
  }
  for (const [key, where] of faint)
    out.push(`${key}: ${where.length} text(s): ${where.slice(0, 3).join('; ')}${where.length > 3 ? '; …' : ''}`);
  return out;
}
"""

# Make every visible chart drawn and every font loaded before measuring.
DRAWN = """() => document.fonts.status === 'loaded' &&
  [...document.querySelectorAll(':is([data-testid=stPlotlyChart], .ikd-live-chart)')].filter((c) => c.checkVisibility())
    .every((c) => c.querySelector('.main-svg .cartesianlayer, .main-svg .pielayer'))"""


@pytest.fixture(scope="module")
def seed_server() -> Iterator[Server]:
    s = Server()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def national_server(national_file: Path) -> Iterator[Server]:
    s = Server(national_file)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def tabs(browser: Browser) -> Iterator[dict[int, Page]]:
    """One tab per window size, kept for the whole module."""
    contexts = {w: open_context(browser, viewport={"width": w, "height": h}, locale="id-ID") for w, h in SIZES}
    yield {w: c.new_page() for w, c in contexts.items()}
    for c in contexts.values():
        c.close()


def settle(page: Page) -> None:
    wait_for_app(page)
    page.wait_for_function(DRAWN)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


def measure(page: Page) -> list[str]:
    return page.evaluate(MEASURE, {"roots": ["[data-testid=stMain]", "[data-testid=stSidebar][data-collapsed=false]"]})


def whole_page_screenshot(page: Page, name: str, size: tuple[int, int]) -> None:
    """The main area scrolls inside a fixed window: for the picture the window is made as tall as the page."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    if height > size[1]:
        page.set_viewport_size({"width": size[0], "height": height})
        page.wait_for_timeout(300)
    screenshot(page, name)
    page.set_viewport_size({"width": size[0], "height": size[1]})


def server_for(which: str, request: pytest.FixtureRequest) -> Server:
    return request.getfixturevalue("seed_server" if which == "seed" else "national_server")


@pytest.mark.parametrize("which", ["seed", "national"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_fits_and_reads_at_every_size(tabs, request, which: str, name: str) -> None:
    server = server_for(which, request)
    path = "/" if name == "ringkasan" else f"/{name}"
    findings: list[str] = []
    for size in SIZES:
        page = tabs[size[0]]
        page.goto(server.url + path)
        settle(page)
        findings += [f"{name} · {which} · {size[0]}×{size[1]}: {f}" for f in measure(page)]
        whole_page_screenshot(page, f"visual-{name}-{which}-{size[0]}", size)
    assert findings == [], f"{len(findings)} finding(s):\n" + "\n".join(findings)


@pytest.mark.parametrize("which", ["seed", "national"])
def test_every_slide_fits_and_reads_at_every_size(tabs, request, which: str) -> None:
    server = server_for(which, request)
    query = f"slide=1&{SEED_SCENARIO}" if which == "seed" else "slide=1"
    findings: list[str] = []
    for size in SIZES:
        page = tabs[size[0]]
        page.goto(f"{server.url}/presentasi?{query}")
        expect(page.locator(COUNTER)).to_have_text(re.compile(r"^1 / \d+$"))
        total = int(page.locator(COUNTER).inner_text().split("/")[1])
        for n in range(1, total + 1):
            if n > 1:
                page.keyboard.press("ArrowRight")
            expect(page.locator(COUNTER)).to_have_text(f"{n} / {total}")
            settle(page)
            findings += [f"slide {n} · {which} · {size[0]}×{size[1]}: {f}"
                         for f in page.evaluate(MEASURE, {"roots": [".st-key-slide"]})]
            screenshot(page, f"visual-slide-{n}-{which}-{size[0]}")
    assert findings == [], f"{len(findings)} finding(s):\n" + "\n".join(findings)
