"""Administrative divisions: the level of the government a report names as its author."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from importlib import resources

import pytest

from fazhi.parse.divisions import (
    CITY,
    COUNTY,
    PROVINCE,
    Division,
    all_divisions,
    division_level,
    last_division,
    last_division_match,
    lookup,
    scan,
)


@pytest.mark.parametrize(
    ("entity", "name", "level"),
    [
        # the brief's examples
        ("重庆市南岸区人民政府", "南岸区", COUNTY),
        ("开州区", "开州区", COUNTY),
        ("乐山市五通桥区人民政府", "五通桥区", COUNTY),
        ("五通桥区", "五通桥区", COUNTY),
        ("都江堰市人民政府", "都江堰市", COUNTY),
        ("成都市都江堰市人民政府", "都江堰市", COUNTY),
        ("成都市人民政府", "成都市", CITY),
        ("乐山市人民政府", "乐山市", CITY),
        ("乐山市", "乐山市", CITY),
        ("四川省人民政府", "四川省", PROVINCE),
        ("重庆市南岸区", "南岸区", COUNTY),
        # municipalities are province level, their districts and counties county level
        ("北京市人民政府", "北京市", PROVINCE),
        ("天津市人民政府", "天津市", PROVINCE),
        ("上海市人民政府", "上海市", PROVINCE),
        ("重庆市人民政府", "重庆市", PROVINCE),
        ("上海市浦东新区人民政府", "浦东新区", COUNTY),
        ("重庆市忠县人民政府", "忠县", COUNTY),
        # county-level cities
        ("峨眉山市人民政府", "峨眉山市", COUNTY),
        ("四川省峨眉山市", "峨眉山市", COUNTY),
        ("济源市人民政府", "济源市", COUNTY),  # 省直辖: no prefecture between
        ("延吉市人民政府", "延吉市", COUNTY),
        # prefectures: 地区, 自治州, 盟, and the cities without counties
        ("延边朝鲜族自治州", "延边朝鲜族自治州", CITY),
        ("延边州人民政府", "延边朝鲜族自治州", CITY),
        ("凉山州司法局", "凉山彝族自治州", CITY),
        ("阿克苏地区行政公署", "阿克苏地区", CITY),
        ("兴安盟行政公署", "兴安盟", CITY),
        ("锡林郭勒盟", "锡林郭勒盟", CITY),
        ("东莞市人民政府", "东莞市", CITY),
        # autonomous counties, 旗, 自治旗, 特区, 林区
        ("秀山土家族苗族自治县人民政府", "秀山土家族苗族自治县", COUNTY),
        ("秀山县人民政府", "秀山土家族苗族自治县", COUNTY),
        ("重庆市石柱县", "石柱土家族自治县", COUNTY),
        ("科尔沁右翼前旗人民政府", "科尔沁右翼前旗", COUNTY),
        ("莫力达瓦达斡尔族自治旗", "莫力达瓦达斡尔族自治旗", COUNTY),
        ("莫旗人民政府", "莫力达瓦达斡尔族自治旗", COUNTY),
        ("六枝特区人民政府", "六枝特区", COUNTY),
        ("神农架林区", "神农架林区", COUNTY),
        # provinces by full name, 自治区 short form and bare stem in front of a division
        ("广西壮族自治区人民政府", "广西壮族自治区", PROVINCE),
        ("广西自治区", "广西壮族自治区", PROVINCE),
        ("四川乐山五通桥区", "五通桥区", COUNTY),
        # departments: the geography is still exposed (the department test is elsewhere)
        ("江北区司法局", "江北区", COUNTY),
        ("重庆市南岸区城市管理局", "南岸区", COUNTY),
        ("四川省司法厅", "四川省", PROVINCE),
        ("乐山市人民政府办公室", "乐山市", CITY),
        # a government's liaison office: the more specific division wins over a later one
        ("乐山市五通桥区驻北京市联络处", "五通桥区", COUNTY),
    ],
)
def test_last_division(entity: str, name: str, level: str) -> None:
    d = last_division(entity)
    assert d is not None, entity
    assert (d.name, d.type) == (name, level)
    assert division_level(entity) == level


@pytest.mark.parametrize("entity", ["某某局", "某某县人民政府", "区", "我区", "本市", "", "  "])
def test_no_division(entity: str) -> None:
    assert last_division(entity) is None
    assert division_level(entity) is None
    assert scan(entity) == []


def test_parents_and_full_path() -> None:
    d = last_division("乐山市五通桥区人民政府")
    assert d == Division("五通桥区", COUNTY, ("四川省", "乐山市"), "四川省乐山市五通桥区", d.code)
    assert d.code == "511112"
    nan_an = last_division("南岸区")
    assert nan_an is not None
    assert (nan_an.parents, nan_an.full_path) == (("重庆市",), "重庆市南岸区")
    chongqing = last_division("重庆市人民政府")
    assert chongqing is not None and chongqing.parents == ()
    djy = last_division("都江堰市")
    assert djy is not None and djy.parents == ("四川省", "成都市")


def test_division_is_frozen() -> None:
    d = lookup("开州区")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.name = "开县"  # type: ignore[misc]


def test_ambiguous_short_name_keeps_the_type_and_uses_the_parent() -> None:
    both = lookup("朝阳区")
    assert {d.full_path for d in both} == {"北京市朝阳区", "吉林省长春市朝阳区"}
    assert division_level("朝阳区人民政府") == COUNTY
    beijing = last_division("北京市朝阳区人民政府")
    changchun = last_division("长春市朝阳区人民政府")
    assert beijing is not None and beijing.parents == ("北京市",)
    assert changchun is not None and changchun.parents == ("吉林省", "长春市")
    # 江北区 is in Chongqing and in Ningbo; the preceding 重庆市 picks Chongqing's
    assert {d.full_path for d in lookup("江北区")} >= {"重庆市江北区"}
    jiangbei = last_division("重庆市江北区司法局")
    assert jiangbei is not None and jiangbei.full_path == "重庆市江北区"


def test_township_after_the_county_is_left_to_the_caller() -> None:
    m = last_division_match("重庆市秀山县清溪场镇人民政府")
    assert m is not None
    assert m.division.name == "秀山土家族苗族自治县"
    assert m.text == "秀山县"
    assert "镇" in "重庆市秀山县清溪场镇人民政府"[m.end :]
    # a stem inside a township's name is not a division (城关 is 兰州/拉萨's 城关区)
    assert last_division("城关镇人民政府") is None
    assert last_division("朝阳街道办事处") is None
    # nor a division name that is the township's whole name
    assert last_division("东区街道办事处") is None
    east = last_division("攀枝花市东区人民政府")
    assert east is not None and east.full_path == "四川省攀枝花市东区"


def test_lookup_accepts_full_short_stem_former_and_path() -> None:
    assert [d.name for d in lookup("五通桥区")] == ["五通桥区"]
    assert [d.name for d in lookup("南岸")] == ["南岸区"]
    assert [d.name for d in lookup("四川")] == ["四川省"]
    assert [d.name for d in lookup("凉山州")] == ["凉山彝族自治州"]
    assert [d.name for d in lookup("四川省乐山市五通桥区")] == ["五通桥区"]
    assert [d.name for d in lookup("襄樊市")] == ["襄阳市"]  # renamed 2010
    assert [d.name for d in lookup("宜宾县")] == ["叙州区"]  # renamed 2018
    assert lookup("某某县") == []
    # a stem naming several levels lists the higher level first
    assert lookup("朝阳")[0].type == CITY


def test_former_names_resolve_to_the_successor() -> None:
    d = last_division("襄樊市樊城区人民政府")
    assert d is not None and d.full_path == "湖北省襄阳市樊城区"
    datong = last_division("大同市城区人民政府")  # merged into 平城区 in 2018
    assert datong is not None and datong.full_path == "山西省大同市平城区"


def test_whitespace_is_ignored_and_positions_refer_to_the_input() -> None:
    entity = "重庆市 南岸区\n人民政府"
    m = last_division_match(entity)
    assert m is not None and m.division.name == "南岸区"
    assert entity[m.start : m.end] == "南岸区" == m.text
    assert [x.division.name for x in scan(entity)] == ["重庆市", "南岸区"]


def test_scan_reads_left_to_right() -> None:
    found = [(m.division.name, m.start, m.end) for m in scan("四川省乐山市五通桥区人民政府")]
    assert found == [("四川省", 0, 3), ("乐山市", 3, 6), ("五通桥区", 6, 10)]


def _data_file() -> dict:
    text = resources.files("fazhi").joinpath("data", "divisions.json").read_text(encoding="utf-8")
    return json.loads(text)


def test_data_file_counts_and_header() -> None:
    raw = _data_file()
    t = raw["columns"].index("type")
    levels = (PROVINCE, CITY, COUNTY)
    counts = {level: sum(row[t] == level for row in raw["rows"]) for level in levels}
    assert counts[PROVINCE] >= 30
    assert counts[CITY] >= 300
    assert counts[COUNTY] >= 2800
    assert "JioNLP" in raw["source"] and "民政部" in raw["source"]
    assert "Apache-2.0" in raw["licence"]
    assert raw["generated"][:2] == "20"
    assert len(all_divisions()) == len(raw["rows"])


def test_data_is_consistent() -> None:
    divisions = all_divisions()
    by_path = {d.full_path: d for d in divisions}
    assert len(by_path) == len(divisions)  # no duplicate rows
    for d in divisions:
        assert d.full_path == "".join(d.parents) + d.name
        if d.type == PROVINCE:
            assert d.parents == ()
            continue
        parent = by_path["".join(d.parents)]
        expected = {PROVINCE} if d.type == CITY else {PROVINCE, CITY}
        assert parent.type in expected, d
    for name in ("北京市", "天津市", "上海市", "重庆市"):
        assert [d.type for d in lookup(name)] == [PROVINCE]


def test_runtime_does_not_import_jionlp() -> None:
    code = (
        "import sys, fazhi.parse.divisions as d; d.last_division('四川省');"
        "sys.exit('jionlp' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
