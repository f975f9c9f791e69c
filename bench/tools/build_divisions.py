"""Build ``src/fazhi/data/divisions.json`` from JioNLP's administrative-division dictionary.

Dev-time only: fazhi never imports jionlp at run time, so this script turns JioNLP's
``china_location.txt`` (民政部 division data, redistributed by JioNLP under Apache-2.0) into a
small file the package ships. Run it again after upgrading jionlp::

    .venv/bin/python bench/tools/build_divisions.py            # writes the package file
    .venv/bin/python bench/tools/build_divisions.py --check    # only prints the diagnostics

What it keeps and why:

* Province-, prefecture- and county-level divisions only; townships and villages are far too
  many to ship and the caller recognises them by their suffix (镇/乡/街道/苏木).
* Not kept: the placeholder rows JioNLP copies from the statistics code table (省直辖行政区划,
  市直辖行政区划), the statistics-only zones with a ``xxxx7x`` code (开发区, 管委会, 示范区 …:
  they are not divisions and their short names 高新区/经开区 would match everywhere), and the
  districts of Hong Kong, Macao and Taiwan (their names 东区/南区/中正区 … would shadow mainland
  names in mainland reports; the three province-level entries themselves are kept).
* Municipalities (北京/天津/上海/重庆) are province level; JioNLP repeats them as their own
  city, which is collapsed so that their districts and counties hang directly under them.
* ``china_location_change.txt`` (JioNLP's list of renamed/merged divisions since 2002) is applied:
  a new name missing from the main file replaces the old row, an old row that was merged away is
  dropped, and every old full name is kept as a ``former`` name of its successor.  A few names in
  that list are misspelt or wrong; ``_NEW_NAME_FIXES`` corrects them (see the diagnostics).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import importlib.util
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "fazhi" / "data" / "divisions.json"

PROVINCE, CITY, COUNTY = "province", "city", "county_district"
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
SAR_OR_TAIWAN = {"香港特别行政区", "澳门特别行政区", "台湾省"}
PLACEHOLDERS = {"省直辖行政区划", "市直辖行政区划"}

# Names in china_location_change.txt that do not exist as written (checked against the main
# file and 民政部's published names): typos, and 玉环县, which became 玉环市, not 玉环区.
_NEW_NAME_FIXES = {"云岗区": "云冈区", "大菁山县": "大箐山县", "玉环区": "玉环市"}

# The 56 ethnic groups, to derive 石柱县 from 石柱土家族自治县 or 莫力达瓦旗 from
# 莫力达瓦达斡尔族自治旗 (reports name autonomous counties and prefectures that way).
_ETHNIC_NAMES = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 "
    "怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
)
_ETHNIC = _ETHNIC_NAMES.split()
_ETHNIC += ["各"]  # 龙胜各族自治县, 隆林各族自治县
_ETHNIC_RE = re.compile(
    "(?:(?:"
    + "|".join(sorted(_ETHNIC, key=len, reverse=True))
    + ")族"
    # 博尔塔拉蒙古自治州, 伊犁哈萨克自治州: a multi-character group may be written without 族
    + "|"
    + "|".join(sorted((e for e in _ETHNIC if len(e) > 1), key=len, reverse=True))
    + ")$"
)
# Statistics-only zones that JioNLP lists among counties without a ``xxxx7x`` code.
_NOT_A_DIVISION = re.compile(r"开发区|产业园|工业园区|管委会|委员会|^天府新区$")
_AUTONOMOUS = re.compile(r"自治(州|县|旗)$")


@dataclass
class Row:
    code: str
    type: str
    name: str
    parents: list[str]
    stems: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)


def jionlp_dictionary() -> Path:
    """JioNLP's dictionary folder, found without importing jionlp (its import is slow and noisy)."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("jionlp is not installed: pip install -e '.[dev]'")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def autonomous_stem(name: str) -> str | None:
    """石柱土家族自治县 → 石柱, 延边朝鲜族自治州 → 延边, 鄂伦春自治旗 → 鄂伦春."""
    m = _AUTONOMOUS.search(name)
    if not m:
        return None
    stem = name[: m.start()]
    while True:
        e = _ETHNIC_RE.search(stem)
        if not e or e.start() == 0:
            break
        stem = stem[: e.start()]
    if stem.endswith("族") and _ETHNIC_RE.fullmatch(stem):
        stem = stem[:-1]  # 鄂温克族自治旗 → 鄂温克 (the group is the place's name)
    return stem or None


def suffix_of(name: str, type_: str) -> str:
    """The level suffix a short form must carry to be safe to scan for (凉山州, 秀山县, 莫旗)."""
    if name.endswith("自治州"):
        return "州"
    if name.endswith("自治县"):
        return "县"
    if name.endswith("自治旗"):
        return "旗"
    if name.endswith("自治区") and type_ == PROVINCE:
        return "自治区"
    return ""


def add_forms(row: Row, aliases: list[str]) -> None:
    """Split JioNLP's aliases into stems (南岸, 四川) and suffixed short forms (凉山州, 克州)."""
    suffix = suffix_of(row.name, row.type)
    stems = [a for a in aliases if a and a != row.name]
    if row.name.endswith("特区"):
        stems = [row.name[:-2]]  # JioNLP gives 六枝特 for 六枝特区
    auto = autonomous_stem(row.name)
    if auto:
        stems.append(auto)
    for s in dict.fromkeys(stems):
        if suffix and s.endswith(suffix[-1]):
            row.short.append(s)  # 克州, 巴州, 莫旗, 海南州: already carries the suffix
        elif s.endswith(row.name[-1]) and len(s) >= 2 and row.name[-1] in "市县旗盟区":
            row.short.append(s)  # 吉林市, 兴安盟, 忠县: JioNLP keeps the suffix to stay unique
        elif len(s) >= 2:
            row.stems.append(s)
            if suffix:
                row.short.append(s + suffix)
    row.short = [s for s in dict.fromkeys(row.short) if s != row.name]
    row.stems = list(dict.fromkeys(row.stems))


def read_main(path: Path, notes: list[str]) -> list[Row]:
    rows: list[Row] = []
    province = city = None
    city_skipped = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        depth = len(raw) - len(raw.lstrip("\t"))
        if depth > 2 or not raw.strip():
            continue  # townships and villages
        cols = raw.strip().split("\t")
        if depth == 0:
            province = cols[0]
            city, city_skipped = None, False
            row = Row(cols[1], PROVINCE, province, [])
            add_forms(row, [province[:-1]] if len(cols) < 3 else cols[2].split("/"))
            rows.append(row)
            continue
        if province in SAR_OR_TAIWAN:
            continue
        if depth == 1:
            name = cols[0]
            if len(cols) != 3:
                notes.append(f"prefecture row without code/alias, skipped: {raw.strip()!r}")
                city, city_skipped = None, True
                continue
            city_skipped = False
            if name in PLACEHOLDERS or name == province:  # 省直辖 / a municipality's own city
                city = None
                continue
            city = name
            row = Row(cols[1], CITY, name, [province])
            add_forms(row, cols[2].split("/"))
            rows.append(row)
            continue
        if city_skipped:
            continue
        name = cols[0]
        if len(cols) != 3:
            notes.append(f"county row without code/alias, skipped: {raw.strip()!r}")
            continue
        code = cols[1]
        if name in PLACEHOLDERS:
            continue
        if code[4] == "7" or _NOT_A_DIVISION.search(name):
            notes.append(f"statistics-only zone, not a division, skipped: {name} {code}")
            continue
        parents = [province] + ([city] if city else [])
        row = Row(code, COUNTY, name, parents)
        add_forms(row, cols[2].split("/"))
        rows.append(row)
    return rows


def apply_changes(rows: list[Row], path: Path, notes: list[str]) -> None:
    by_key = {(r.name, tuple(r.parents)): r for r in rows}

    def find(name: str, parents: tuple[str, ...]) -> Row | None:
        return by_key.get((name, parents)) or by_key.get((name, parents[:1]))

    def parents_of(prov: str, city: str | None) -> tuple[str, ...]:
        if city is None or city == prov or prov in MUNICIPALITIES:
            return (prov,)
        return (prov, city)

    dropped: set[int] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old_s, new_s = line.split("=>")
        old, new = old_s.split("\t"), new_s.split("\t")
        if len(old) == 8:
            old_name, old_parents = old[6], parents_of(old[2], old[4])
            new_name, new_parents = new[2], parents_of(new[0], new[1])
        else:  # a prefecture: 襄樊市 => 襄阳市
            old_name, old_parents = old[4], (old[2],)
            new_name, new_parents = new[1], (new[0],)
        fixed = _NEW_NAME_FIXES.get(new_name, new_name)
        if fixed != new_name:
            notes.append(f"change list names {new_name!r}; the division is {fixed!r}: {line}")
        new_name = fixed
        target = find(new_name, new_parents)
        if target is None:  # 金秀县 => the 金秀瑶族自治县 of the main file
            cands = [
                r
                for (n, p), r in by_key.items()
                if p == new_parents and "自治" in n and new_name[:-1] in r.stems
            ]
            if len(cands) == 1:
                target = cands[0]
        source = find(old_name, old_parents)
        if target is None and source is not None:
            notes.append(
                f"renamed in place (JioNLP main file not yet updated): "
                f"{'/'.join(old_parents)}/{old_name} → {new_name}"
            )
            del by_key[(source.name, tuple(source.parents))]
            source.former.append(source.name)
            source.name = new_name
            source.stems, source.short = [], []
            add_forms(source, [new_name[:-1]] if new_name[-1] in "区县市" else [])
            source.parents = list(new_parents)
            by_key[(new_name, new_parents)] = source
            continue
        if target is None:
            notes.append(f"change target not found, ignored: {line}")
            continue
        if source is not None and source is not target and source.name != target.name:
            notes.append(
                f"merged away but still in JioNLP main file, dropped: "
                f"{'/'.join(old_parents)}/{old_name} → {target.name}"
            )
            dropped.add(id(source))
            del by_key[(source.name, tuple(source.parents))]
        if old_name not in (target.name, *target.short, *target.former):
            target.former.append(old_name)
    rows[:] = [r for r in rows if id(r) not in dropped]


def serialise(rows: list[Row], version: str) -> str:
    """One division per line, so that a regenerated file diffs readably."""
    head = {
        "_comment": (
            "China's province-, prefecture- and county-level administrative divisions, for "
            "fazhi.parse.divisions. Generated by bench/tools/build_divisions.py; do not edit."
        ),
        "source": f"JioNLP {version} dictionary/china_location.txt and china_location_change.txt "
        "(https://github.com/dongrixinyu/JioNLP), compiled from 民政部 行政区划 data",
        "licence": "Apache-2.0 (JioNLP); the underlying division data is public government data",
        "generated": dt.date.today().isoformat(),
        "columns": ["code", "type", "name", "parents", "short", "stems", "former"],
    }
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('"rows": [')
    body = [
        json.dumps(
            [r.code, r.type, r.name, r.parents, r.short, r.stems, r.former],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for r in rows
    ]
    lines.append(",\n".join(body))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="print diagnostics, write nothing")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    d = jionlp_dictionary()
    notes: list[str] = []
    rows = read_main(d / "china_location.txt", notes)
    apply_changes(rows, d / "china_location_change.txt", notes)
    rows.sort(key=lambda r: (r.code, r.name))

    names: dict[str, list[Row]] = {}
    for r in rows:
        for n in [r.name, *r.short, *r.former]:
            names.setdefault(n, []).append(r)
    for n, rs in sorted(names.items()):
        types = {r.type for r in rs}
        if len(types) > 1:
            notes.append(
                f"name {n!r} has several levels: "
                + ", ".join(f"{r.type}:{'/'.join([*r.parents, r.name])}" for r in rs)
            )

    counts = {t: sum(r.type == t for r in rows) for t in (PROVINCE, CITY, COUNTY)}
    for n in notes:
        print("note:", n)
    print("counts:", counts)
    if args.check:
        return
    version = importlib.metadata.version("jionlp")
    args.out.write_text(serialise(rows, version), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
