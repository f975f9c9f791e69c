"""Reports written for these tests in the style of other governments and levels: a county that
signs with its party committee and a two-line title, a township with numbered headings and a date
in words, a provincial department. Their expected readings are written here by hand."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from fazhi import analyze

VARIANTS = Path(__file__).resolve().parents[1] / "data" / "variants"

EXPECTED = {
    "county_joint_title.txt": {
        "metadata": {
            "title": "中共绵竹县委 绵竹县人民政府关于2023年度法治政府建设情况的报告",
            "entity": "绵竹县人民政府",
            "level": "county_district",
            "report_year": 2023,
            "signed_date": "2024-03-25",
            "publish_date": "2024-03-28",
        },
        "sections": dict(
            achievements=True,
            responsibility=True,
            shortcomings=True,
            shortcoming_causes=False,
            next_year=True,
        ),
        "chrome": [
            "当前位置",
            "发布时间",
            "浏览次数",
            "打印本页",
            "我要纠错",
            "主办单位",
            "技术支持",
        ],
        "facts": {
            "46.8万件": "functions.gov_service_items",
            "99.9%": "functions.ontime_rate",
            "12件": "rules.normative_doc_reviews",
            "215件次": "decisions.legality_reviews",
            "10次": "leadership.study_sessions",
        },
    },
    "township_numbered.txt": {
        "metadata": {
            "title": "阳朔县白沙镇2023年法治政府建设年度报告",
            "entity": "阳朔县白沙镇人民政府",
            "level": "township",
            "report_year": 2023,
            "signed_date": "2024-01-26",
            "publish_date": None,
        },
        "sections": dict(
            achievements=True,
            responsibility=False,
            shortcomings=True,
            shortcoming_causes=False,
            next_year=True,
        ),
        "chrome": [],
        "facts": {
            "6次": "leadership.study_sessions",
            "86次": "enforcement.inspections",
            "142件": "disputes.mediation_cases",
            "97%": "disputes.mediation_success_rate",
        },
    },
    "province_department.txt": {
        "metadata": {
            "title": "湖南省司法厅2023年法治政府建设年度报告",
            "entity": "湖南省司法厅",
            "level": "department",
            "report_year": 2023,
            "signed_date": "2024-03-15",
            "publish_date": None,
        },
        "sections": dict(
            achievements=True,
            responsibility=True,
            shortcomings=True,
            shortcoming_causes=True,
            next_year=True,
        ),
        "chrome": [],
        "facts": {
            "1.86万件": "disputes.reconsideration_cases",
            "31.5%": None,
            "1.62万件": "disputes.reconsideration_cases",
            "8.9万件": "society.legal_aid_cases",
            "7.3亿元": "society.recovered_losses",
        },
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_variant_reading(name):
    a = analyze((VARIANTS / name).read_bytes(), source=name)
    want = EXPECTED[name]
    assert asdict(a.metadata) == want["metadata"]
    assert asdict(a.sections) == want["sections"]
    chrome = " ".join(a.text[b.start : b.end] for b in a.boilerplate)
    for piece in want["chrome"]:
        assert piece in chrome, piece
    assert "法治政府建设情况的报告" not in chrome  # the title is never chrome
    found = {f.text: f.indicator for f in a.facts}
    for text, indicator in want["facts"].items():
        assert found.get(text, "missing") == indicator, text
