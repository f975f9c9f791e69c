"""A synthetic corpus of annual reports, recombined from the bundled seeds.

The corpus benchmark and the copy-detection tests need thousands of reports that look like real
ones to the analyser (title, opening, the four required parts under level-1 headings, signature)
without being copies of each other. Each report here takes the seeds' paragraphs part by part,
rewrites them (sentences dropped, clauses shuffled or dropped, officialese synonyms swapped,
figures perturbed), and fills in another unit's place names and another year. The political
formulas (sentences naming 习近平 …) are kept word for word, as real reports keep them, so a copy
detector meets them in every report.

Everything is derived from the seeds through ``analyze()`` (their parts, headings, entity and
year), so nothing depends on which seeds are bundled. Deterministic: report ``i`` of seed ``s``
is the same whatever ``n`` is asked for.

    python bench/synth.py N OUTDIR [--seed S] [--plant K]   # writes N files (+ planted.jsonl)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fazhi import analyze
from fazhi.model import REQUIRED_PARTS
from fazhi.parse.divisions import COUNTY, all_divisions, scan

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "samples" / "seeds"
DEFAULT_YEARS = (2020, 2021, 2022, 2023, 2024)

# Placeholders written into the seed templates, filled per report.
_MARK = "\ue000{}\ue001"
_SLOT = re.compile("\ue000(.+?)\ue001")
_SUFFIX = re.compile(r"(自治县|自治州|自治区|特区|林区|区|县|市|省|旗|州|盟)$")
_YEAR = re.compile(r"(?<![\d—\-–~至])(20[0-3]\d)(?=年)(?!年?[—\-–~至])")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_QUOTED = re.compile(r"“[^”]{0,40}”|《[^》]{0,80}》|\"[^\"]{0,40}\"")
_SENTENCE = re.compile(r"[^。；！？!?]*[。；！？!?]?")
_CLAUSE = re.compile(r"[^，,]+[，,]?")
# The district's own short forms (全区, 区委 …) follow the unit's suffix (全县, 县委 …).
_LOCAL = re.compile(r"(?<=[全我本])区|区(?=委|政府|人大|政协|级|属|纪委)")
_FORMULA = re.compile(r"习近平|党的二十|党的十九|中共中央|二中全会|三中全会")
_MARKER_L2 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")

# Officialese that drafters swap freely; each group is interchangeable in these reports. Nouns
# that name what a figure counts (事项, 规范性文件 …) are left alone so that facts keep their
# indicators.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("加强", "强化", "加大", "着力加强"),
    ("推进", "推动", "深化", "扎实推进"),
    ("开展", "组织开展", "实施", "部署开展"),
    ("全面", "深入", "持续", "不断"),
    ("完善", "健全", "优化", "改进"),
    ("落实", "贯彻", "执行", "抓好"),
    ("提升", "提高", "增强", "改善"),
    ("建立", "构建", "搭建", "建成"),
    ("严格", "依法", "从严"),
    ("积极", "主动", "大力", "切实"),
    ("群众", "市民", "人民群众", "居民"),
    ("企业", "市场主体", "经营主体"),
    ("有效", "有力", "明显", "显著"),
    ("印发", "出台", "制定", "发布"),
    ("进一步", "更加", "持续"),
)
_SYN_INDEX = {w: g for g in SYNONYMS for w in g}
_SYN_PATTERN = re.compile("|".join(sorted(_SYN_INDEX, key=len, reverse=True)))

DEPARTMENTS = (
    "司法局",
    "城市管理局",
    "市场监督管理局",
    "生态环境局",
    "住房和城乡建设委员会",
    "交通运输局",
    "应急管理局",
    "卫生健康委员会",
    "人力资源和社会保障局",
    "农业农村委员会",
    "文化和旅游发展委员会",
    "规划和自然资源局",
)
TITLES = (
    "{e}关于{y}年度法治政府建设工作情况的报告",
    "{e}{y}年法治政府建设年度报告",
    "{e}{y}年度法治政府建设情况报告",
    "{e}关于{y}年法治政府建设情况的报告",
)
OPENINGS = ("{y}年，", "{y}年以来，", "{y}年，在上级党委政府坚强领导下，", "过去一年，")


@dataclass(slots=True)
class SynthReport:
    name: str
    entity: str
    level: str
    year: int
    text: str
    # (section, paragraph) of every body paragraph, as it stands in ``text``.
    paragraphs: tuple[tuple[str, str], ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class Planted:
    src_name: str
    dst_name: str
    text: str
    relation: str = "same_year"  # or "previous_year": the same unit's report of the year before


@dataclass(frozen=True, slots=True)
class _Block:
    """A level-2 heading (or none) and the paragraphs under it, as templates."""

    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Pool:
    openings: dict[str, tuple[str, ...]]  # by level: a department speaks of itself
    headings: dict[str, tuple[str, ...]]
    blocks: dict[str, tuple[_Block, ...]]


@dataclass(frozen=True, slots=True)
class _Unit:
    entity: str
    level: str
    places: dict[str, str]


# --- seeds → templates ------------------------------------------------------------------------


def _stem(name: str) -> str:
    stem = _SUFFIX.sub("", name)
    return stem if len(stem) >= 2 else name


def _place_slots(entity: str) -> list[tuple[str, str]]:
    """(text in the seed, slot name), longest first: the seed unit's own names become slots."""
    found = scan(entity)
    pairs: list[tuple[str, str]] = []
    for m in found:
        slot = {"county_district": "C", "city": "P", "province": "S"}[m.division.type]
        pairs += [(m.division.name, slot), (_stem(m.division.name), slot.lower())]
    tail = entity[found[-1].end :] if found else ""
    if tail and not tail.endswith("政府"):
        pairs.append((tail, "D"))  # a department's own name (司法局 …)
    return sorted(set(pairs), key=lambda p: -len(p[0]))


def _templatise(text: str, places: list[tuple[str, str]], year: int, local: bool) -> str:
    for name, slot in places:
        text = text.replace(name, _MARK.format(slot))
    text = _YEAR.sub(lambda m: _MARK.format(f"y{int(m.group(1)) - year:+d}"), text)
    return _LOCAL.sub(_MARK.format("x"), text) if local else text


def _lines(text: str, start: int, end: int, skip: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The non-empty lines of ``text[start:end]`` that do not begin inside a ``skip`` span."""
    out: list[str] = []
    pos = start
    for ln in text[start:end].split("\n"):
        if ln.strip() and not any(a <= pos < b for a, b in skip):
            out.append(ln.strip())
        pos += len(ln) + 1
    return out


def _seed_pool(seed_dir: Path) -> _Pool:
    openings: dict[str, list[str]] = {}
    headings: dict[str, list[str]] = {s: [] for s in REQUIRED_PARTS}
    blocks: dict[str, list[_Block]] = {s: [] for s in REQUIRED_PARTS}
    for path in sorted(seed_dir.glob("*.txt")):
        _add_seed(path.read_text(encoding="utf-8"), openings, headings, blocks)
    return _Pool(
        openings={k: tuple(v) for k, v in openings.items()},
        headings={k: tuple(v) for k, v in headings.items()},
        blocks={k: tuple(v) for k, v in blocks.items()},
    )


def _add_seed(
    text: str,
    openings: dict[str, list[str]],
    headings: dict[str, list[str]],
    blocks: dict[str, list[_Block]],
) -> None:
    """Add one seed's opening, part headings and blocks to the pool, as templates."""
    a = analyze(text)
    year, entity = a.metadata.report_year, a.metadata.entity
    if not a.parts or year is None or entity is None:
        return
    places = _place_slots(entity)
    county = next((n for n, s in places if s == "C"), "")

    def tpl(s: str) -> str:
        return _templatise(s, places, year, county.endswith("区"))

    chrome = [(b.start, b.end) for b in a.boilerplate]
    pre = [ln for ln in _lines(a.text, 0, a.parts[0].start, chrome) if len(ln) > 60]
    level = "department" if a.metadata.level == "department" else "county_district"
    openings.setdefault(level, []).extend(tpl(ln) for ln in pre[-1:])
    for part in a.parts:
        if part.section not in blocks:
            continue
        start = part.start
        if part.heading is not None:
            headings[part.section].append(tpl(a.headings[part.heading].text))
            start = a.headings[part.heading].end
        blocks[part.section] += _blocks([tpl(ln) for ln in _lines(a.text, start, part.end)])


def _blocks(lines: list[str]) -> list[_Block]:
    out: list[_Block] = []
    heading: str | None = None
    paras: list[str] = []
    for ln in lines:
        m = _MARKER_L2.match(ln)
        if m and len(ln) < 80:
            if heading is not None or paras:
                out.append(_Block(heading, tuple(paras)))
            heading, paras = ln[m.end() :].strip(), []
        elif not re.match(r"^(特此报告|以上报告)", ln):
            paras.append(ln)
    if heading is not None or paras:
        out.append(_Block(heading, tuple(paras)))
    return out


@cache
def _pool(seed_dir: str = str(SEEDS)) -> _Pool:
    return _seed_pool(Path(seed_dir))


# --- units and their names ----------------------------------------------------------------------


@cache
def _counties() -> tuple:
    return tuple(d for d in all_divisions() if d.type == COUNTY and d.parents)


@cache
def _county_order(seed: int) -> tuple[int, ...]:
    n = len(_counties())
    return tuple(random.Random(f"units:{seed}").sample(range(n), n))


def _unit(index: int, seed: int) -> _Unit:
    """The ``index``-th unit: counties in a seeded order, each as its government or one of its
    departments, so that any prefix of the corpus has distinct, real-looking names."""
    counties = _counties()
    slot = index % len(counties)
    county = counties[_county_order(seed)[slot]]
    # Half the units are governments, half departments of the kinds in turn; each further round
    # over the counties moves every county on to its next kind, so names never repeat.
    offset = 0 if slot % 2 == 0 else 1 + (slot // 2) % len(DEPARTMENTS)
    kind = (index // len(counties) + offset) % (1 + len(DEPARTMENTS))
    city = county.parents[-1]
    province = county.parents[0]
    places = {
        "C": county.name,
        "c": _stem(county.name),
        "P": city,
        "p": _stem(city),
        "S": province,
        "s": _stem(province),
        "x": county.name[-1] if county.name[-1] in "区县市旗" else "区",
    }
    prefix = "" if city == county.name else city
    if kind == 0:
        return _Unit(f"{prefix}{county.name}人民政府", "county_district", places)
    dept = DEPARTMENTS[(kind - 1) % len(DEPARTMENTS)]
    return _Unit(f"{prefix}{county.name}{dept}", "department", {**places, "D": dept})


# --- rewriting ----------------------------------------------------------------------------------


def _fill(template: str, unit: _Unit, year: int) -> str:
    def slot(m: re.Match[str]) -> str:
        key = m.group(1)
        if key.startswith("y"):
            return str(year + int(key[1:]))
        return unit.places.get(key, "")

    return _SLOT.sub(slot, template)


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


def _perturb_numbers(text: str, rng: random.Random) -> str:
    """Every figure outside quotes and titles scaled by a random factor, in the same format."""
    keep = _protected(text)

    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if any(a <= m.start() < b for a, b in keep) or text.startswith("年", m.end()):
            return s
        value = float(s) * rng.uniform(0.55, 1.6)
        if text.startswith("%", m.end()) and float(s) <= 100:
            value = min(value, 100.0)
        if "." in s:
            return f"{value:.{len(s.split('.')[1])}f}"
        return str(max(1, round(value)))

    return _NUMBER.sub(repl, text)


def _swap_synonyms(text: str, rng: random.Random) -> str:
    return _SYN_PATTERN.sub(
        lambda m: rng.choice(_SYN_INDEX[m.group(0)]) if rng.random() < 0.6 else m.group(0), text
    )


def _rewrite_sentence(sentence: str, rng: random.Random) -> str:
    if _FORMULA.search(sentence):
        return sentence
    clauses = [c for c in _CLAUSE.findall(sentence) if c]
    if len(clauses) >= 4 and rng.random() < 0.35:
        middle = clauses[1:-1]
        rng.shuffle(middle)
        clauses = [clauses[0], *middle, clauses[-1]]
    if len(clauses) >= 3 and rng.random() < 0.3:
        del clauses[rng.randrange(1, len(clauses) - 1)]
    out = "".join(c if c[-1] in "，," else c + "，" for c in clauses[:-1]) + clauses[-1]
    return _perturb_numbers(_swap_synonyms(out, rng), rng)


def _rewrite_paragraph(text: str, rng: random.Random) -> str:
    sentences = [s for s in _SENTENCE.findall(text) if s.strip()]
    kept = [s for s in sentences if _FORMULA.search(s) or rng.random() > 0.2] or sentences[:1]
    return "".join(_rewrite_sentence(s, rng) for s in kept)


# --- one report ---------------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_ANY = "county_district"


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else "十" + _CN[n - 11]


def _part(
    pool: _Pool, section: str, rng: random.Random, unit: _Unit, year: int
) -> tuple[list[str], list[tuple[str, str]]]:
    """Lines of one part (its level-2 headings and paragraphs) and its body paragraphs."""
    blocks = pool.blocks[section]
    want = max(1, min(len(blocks), round(len(blocks) * rng.uniform(0.2, 0.4))))
    chosen = sorted(rng.sample(range(len(blocks)), want))
    lines: list[str] = []
    paras: list[tuple[str, str]] = []
    numbered = 0
    for i in chosen:
        block = blocks[i]
        if block.heading is not None:
            numbered += 1
            title = _swap_synonyms(_fill(block.heading, unit, year), rng)
            lines.append(f"（{_cn(numbered)}）{title}")
        for p in block.paragraphs:
            if rng.random() < 0.25 and len(block.paragraphs) > 1:
                continue
            para = _rewrite_paragraph(_fill(p, unit, year), rng)
            lines.append(para)
            paras.append((section, para))
    return lines, paras


def _report(i: int, seed: int, years: Sequence[int], pool: _Pool) -> SynthReport:
    rng = random.Random(f"report:{seed}:{i}")
    unit = _unit(i // len(years), seed)
    year = years[i % len(years)]
    lines = [rng.choice(TITLES).format(e=unit.entity, y=year)]
    opening = _fill(rng.choice(pool.openings.get(unit.level) or pool.openings[_ANY]), unit, year)
    opening = re.sub(r"^\d{4}年[^，,]{0,12}[，,]", "", opening)
    lines.append(rng.choice(OPENINGS).format(y=year) + opening)
    paragraphs: list[tuple[str, str]] = []
    sections = [s for s in REQUIRED_PARTS if pool.blocks[s]]
    for n, section in enumerate(sections, start=1):
        heading = rng.choice(pool.headings[section])
        lines.append(f"{_cn(n)}、{_fill(heading, unit, year)}")
        body, paras = _part(pool, section, rng, unit, year)
        lines += body
        paragraphs += paras
    month, day = rng.randint(1, 3), rng.randint(1, 28)
    lines += [unit.entity, f"{year + 1}年{month}月{day}日"]
    return SynthReport(
        name=f"r{i:06d}.txt",
        entity=unit.entity,
        level=unit.level,
        year=year,
        text="\n".join(lines) + "\n",
        paragraphs=tuple(paragraphs),
    )


def generate(
    n: int,
    seed: int = 0,
    years: Sequence[int] = DEFAULT_YEARS,
    seed_dir: Path | str = SEEDS,
) -> Iterator[SynthReport]:
    """``n`` reports: units in turn, each with one report per year of ``years``."""
    pool = _pool(str(seed_dir))
    years = tuple(years)
    for i in range(n):
        yield _report(i, seed, years, pool)


# --- planted copies -----------------------------------------------------------------------------


def _long_paragraph(r: SynthReport, rng: random.Random) -> str | None:
    cands = [p for s, p in r.paragraphs if s == "achievements" and len(p) >= 80]
    return rng.choice(cands) if cands else None


def _insert(dst: SynthReport, para: str, rng: random.Random) -> SynthReport:
    """``dst`` with ``para`` as a new paragraph after one of its achievement paragraphs."""
    anchors = [p for s, p in dst.paragraphs if s == "achievements"]
    anchor = rng.choice(anchors)
    at = dst.text.index(anchor) + len(anchor)
    text = dst.text[:at] + "\n" + para + dst.text[at:]
    paragraphs = (*dst.paragraphs, ("achievements", para))
    return SynthReport(dst.name, dst.entity, dst.level, dst.year, text, paragraphs)


def plant_copies(reports: list[SynthReport], k: int, seed: int = 0) -> list[Planted]:
    """Copy one paragraph from a source report into ``k`` distinct other reports (in place).

    Half the copies come from another unit's report of the same year, half from the same unit's
    report of the year before (where the list holds it); returns the ground truth."""
    rng = random.Random(f"plant:{seed}")
    by_key = {(r.entity, r.year): j for j, r in enumerate(reports)}
    by_year: dict[int, list[int]] = {}
    for j, r in enumerate(reports):
        by_year.setdefault(r.year, []).append(j)
    used: set[int] = set()
    planted: list[Planted] = []
    order = rng.sample(range(len(reports)), len(reports))
    for d in order:
        if len(planted) >= k:
            break
        dst = reports[d]
        prev = by_key.get((dst.entity, dst.year - 1))
        relation = "previous_year" if prev is not None and rng.random() < 0.5 else "same_year"
        others = [j for j in by_year[dst.year] if j != d]
        s = prev if relation == "previous_year" else (rng.choice(others) if others else None)
        if s is None or s in used or d in used:
            continue
        para = _long_paragraph(reports[s], rng)
        if para is None or para in dst.text:
            continue
        reports[d] = _insert(dst, para, rng)
        used.update((s, d))
        planted.append(Planted(reports[s].name, dst.name, para, relation))
    return planted


# --- command line -------------------------------------------------------------------------------


def write_corpus(
    n: int, outdir: Path, seed: int = 0, plant: int = 0, chunk: int = 500
) -> list[Planted]:
    """Write ``n`` reports under ``outdir`` (1,000 files a folder), planting ``plant`` copies
    per ``chunk`` reports; the ground truth goes to ``outdir/planted.jsonl``."""
    outdir.mkdir(parents=True, exist_ok=True)
    planted: list[Planted] = []
    batch: list[SynthReport] = []
    for r in generate(n, seed):
        batch.append(r)
        if len(batch) == chunk:
            planted += _flush(batch, outdir, plant, seed)
            batch = []
    planted += _flush(batch, outdir, plant, seed)
    with (outdir / "planted.jsonl").open("w", encoding="utf-8") as f:
        for p in planted:
            f.write(json.dumps(_asdict(p), ensure_ascii=False) + "\n")
    return planted


def _asdict(p: Planted) -> dict[str, str]:
    return {k: getattr(p, k) for k in Planted.__slots__}


def _flush(batch: list[SynthReport], outdir: Path, plant: int, seed: int) -> list[Planted]:
    if not batch:
        return []
    planted = plant_copies(batch, plant, seed=seed * 1_000_003 + int(batch[0].name[1:7]))
    for r in batch:
        folder = outdir / f"{int(r.name[1:7]) // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / r.name).write_text(r.text, encoding="utf-8")
    return planted


def main(argv: Iterable[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Write a synthetic corpus of annual reports.")
    ap.add_argument("n", type=int)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--plant", type=int, default=0, help="planted copies per 500 reports")
    args = ap.parse_args(list(argv) if argv is not None else None)
    planted = write_corpus(args.n, args.outdir, args.seed, args.plant)
    print(f"{args.n} reports in {args.outdir}, {len(planted)} planted copies", file=sys.stderr)


if __name__ == "__main__":
    main()
