"""Copy detection on a corpus written for it: reports whose sentences are random, so that they
share nothing but the political formulas every report repeats; then paragraphs planted from one
report into another, some verbatim, some with a figure changed, some with a clause dropped."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import pytest

from fazhi.compare.copies import CopyDoc, CopyResult, find_copies

# Words of the field, so that clauses look like a report's; drawn at random they make sentences
# that no two reports share by chance.
_WORDS = (
    "行政执法 合法性审核 行政复议 行政应诉 规范性文件 重大行政决策 法律顾问 公职律师 普法宣传 "
    "矛盾纠纷 人民调解 公共法律服务 法律援助 营商环境 政务服务 信用体系 综合执法 执法监督 "
    "案卷评查 公平竞争审查 数字政府 基层治理 司法所 法治观察员 法律明白人 网格 社区 镇街 "
    "企业 群众 专项行动 工作机制 联席会议 考核评价 督察整改 清单管理 事项目录 审批流程 "
    "线上平台 智慧执法 包容审慎 首违不罚 信访事项 调解组织 仲裁 公证 律师事务所 人才队伍 "
    "培训课程 学法考法 述法评议 领导干部 执法人员 执法证件 执法装备 证据规则 听证程序 "
    "裁量基准 处罚决定 强制措施 检查计划 双随机 一网通办 跨省通办 帮代办 延时服务 "
    "减税降费 融资服务 知识产权 生态环境 安全生产 食品药品 城市管理 交通运输 住房建设 "
    "农业农村 文化旅游 卫生健康 教育 民政 人力社保 自然资源 市场监管 应急管理 统计 "
    "档案 保密 信息公开 依申请公开 政府网站 新闻发布 舆情回应 建议提案 人大监督 政协监督 "
    "审计监督 纪检监察 巡察 群众监督 社会监督 舆论监督 典型案例 示范创建 试点 改革 "
    "标准化 规范化 信息化 专业化 职业化 常态化 制度化 精细化 便利化 法治化"
)
WORDS = _WORDS.split()
UNITS = ("件", "次", "人次", "场", "个", "家", "项", "名", "万元", "份")
# Unit names without numerals (a clause's shape reads numerals as '#').
NAMES = [
    a + b + c
    for a in "甲乙丙丁戊己庚辛壬癸"
    for b in "子丑寅卯辰巳午未申酉戌亥"
    for c in "东西南北"
]

# Said by every report, in its own opening and plans: the seeds of formulas.yaml and phrases that
# every report of this corpus shares (formulas by document frequency).
OPENING = (
    "{y}年，{e}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，"
    "全面提升依法行政能力和水平，扎实推进法治政府建设各项任务落地见效。现将有关情况报告如下："
)
SHARED = "深学笃用习近平法治思想，扎实推进法治政府建设各项任务落地见效，持续提升群众法治获得感。"
PLANS = "{y}年，{e}将坚持以习近平法治思想为指引，全面提升依法行政能力和水平。"


def _clause(rng: random.Random) -> str:
    words = "".join(rng.choice(WORDS) for _ in range(rng.randint(3, 5)))
    if rng.random() < 0.3:
        words += f"{rng.randint(2, 999)}{rng.choice(UNITS)}"
    return words


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        sentences.append("，".join(_clause(rng) for _ in range(rng.randint(2, 3))) + "。")
    if rng.random() < 0.3:
        sentences.insert(rng.randrange(len(sentences) + 1), SHARED)
    return "".join(sentences)


@dataclass
class Report:
    report_id: int
    entity: str
    year: int
    paragraphs: list[str]

    @property
    def text(self) -> str:
        head = [
            f"{self.entity}关于{self.year}年度法治政府建设情况的报告",
            OPENING.format(y=self.year, e=self.entity),
            "一、主要举措和成效",
        ]
        tail = [
            "二、下一步工作安排",
            PLANS.format(y=self.year + 1, e=self.entity),
            "特此报告。",
            self.entity,
            f"{self.year + 1}年2月1日",
        ]
        return "\n".join(head + self.paragraphs + tail) + "\n"

    def doc(self) -> CopyDoc:
        return CopyDoc(self.report_id, self.entity, self.year, self.text, [])


def corpus(n: int, seed: int, year: int = 2024, first_id: int = 0) -> list[Report]:
    rng = random.Random(seed)
    return [
        Report(
            first_id + i,
            f"{NAMES[first_id + i]}区人民政府",
            year,
            [_paragraph(rng) for _ in range(rng.randint(6, 10))],
        )
        for i in range(n)
    ]


@dataclass(frozen=True)
class Plant:
    src: int
    dst: int
    src_paragraph: str
    dst_paragraph: str
    edit: str


def _edit(paragraph: str, edit: str, rng: random.Random) -> str:
    if edit == "figure":
        digits = [i for i, c in enumerate(paragraph) if c.isdigit()]
        if not digits:
            return paragraph.replace("，", f"，办理{rng.randint(10, 99)}件", 1)
        i = rng.choice(digits)
        return paragraph[:i] + str((int(paragraph[i]) + 3) % 10) + paragraph[i + 1 :]
    if edit == "clause":
        clauses = paragraph.split("，")
        if len(clauses) > 2:
            del clauses[rng.randrange(1, len(clauses) - 1)]
        return "，".join(clauses)
    return paragraph


def plant(reports: list[Report], k: int, seed: int) -> list[Plant]:
    """Copy a paragraph of one report into ``k`` others, each source and target used once."""
    rng = random.Random(seed)
    order = rng.sample(range(len(reports)), 2 * k)
    plants = []
    for i in range(k):
        src, dst = reports[order[2 * i]], reports[order[2 * i + 1]]
        paragraph = rng.choice([p for p in src.paragraphs if p != SHARED])
        edit = ("verbatim", "figure", "clause")[i % 3]
        copied = _edit(paragraph, edit, rng)
        dst.paragraphs.insert(rng.randrange(len(dst.paragraphs) + 1), copied)
        plants.append(Plant(src.report_id, dst.report_id, paragraph, copied, edit))
    return plants


def _overlaps(text: str, start: int, end: int, paragraph: str) -> bool:
    at = text.index(paragraph)
    return min(end, at + len(paragraph)) - max(start, at) >= 0.5 * len(paragraph)


def _found(result: CopyResult, texts: dict[int, str], p: Plant) -> bool:
    for c in result.pairs:
        spans = {c.a: (c.a_start, c.a_end), c.b: (c.b_start, c.b_end)}
        if set(spans) == {p.src, p.dst} and _overlaps(texts[p.dst], *spans[p.dst], p.dst_paragraph):
            return _overlaps(texts[p.src], *spans[p.src], p.src_paragraph)
    return False


@pytest.fixture(scope="module")
def planted() -> tuple[list[Report], list[Plant], CopyResult]:
    reports = corpus(200, seed=7)
    plants = plant(reports, 40, seed=8)
    return reports, plants, find_copies([r.doc() for r in reports])


def test_finds_planted_paragraphs(planted: tuple[list[Report], list[Plant], CopyResult]) -> None:
    reports, plants, result = planted
    texts = {r.report_id: r.text for r in reports}
    found = [p for p in plants if _found(result, texts, p)]
    assert len(found) / len(plants) >= 0.95
    for edit in ("verbatim", "figure", "clause"):
        assert any(p.edit == edit for p in found)


def test_reports_nothing_but_planted_pairs(
    planted: tuple[list[Report], list[Plant], CopyResult],
) -> None:
    """Every report opens with the formulas and many repeat a shared sentence: none of that is
    a copy, so every pair reported is a planted one."""
    _, plants, result = planted
    truth = {frozenset((p.src, p.dst)) for p in plants}
    assert result.pairs
    assert {frozenset((c.a, c.b)) for c in result.pairs} <= truth
    assert all(c.relation == "same_year" and c.similarity >= 0.8 for c in result.pairs)


def test_copies_lie_within_planted_paragraphs(
    planted: tuple[list[Report], list[Plant], CopyResult],
) -> None:
    """The opening and the plans, made of formulas in every report, are never part of a copy;
    a formula sentence inside a copied paragraph may be, as the paragraph was copied whole."""
    reports, plants, result = planted
    texts = {r.report_id: r.text for r in reports}
    paragraphs = {p.src: p.src_paragraph for p in plants} | {p.dst: p.dst_paragraph for p in plants}
    for c in result.pairs:
        for rid, start, end in ((c.a, c.a_start, c.a_end), (c.b, c.b_start, c.b_end)):
            assert texts[rid][start:end] in paragraphs[rid]
            assert texts[rid][start:end].replace(SHARED, "")


def test_share_counts_copied_text_only(
    planted: tuple[list[Report], list[Plant], CopyResult],
) -> None:
    reports, plants, result = planted
    involved = {p.src for p in plants} | {p.dst for p in plants}
    assert set(result.share) == {r.report_id for r in reports}
    assert all(result.share[r.report_id] == 0.0 for r in reports if r.report_id not in involved)
    # A planted paragraph is one of 7 to 11 paragraphs, next to formulas that do not count.
    shares = [result.share[p.dst] for p in plants]
    assert sum(s > 0.0 for s in shares) >= 0.95 * len(shares)
    assert all(s < 0.4 for s in shares)


def test_previous_year_of_the_same_entity_only() -> None:
    """A unit repeating its own last report (figures updated) is found as previous_year, with
    the later report as ``a``; text from another unit's report of last year is out of scope."""
    old = corpus(30, seed=11, year=2023)
    new = [
        replace(r, report_id=r.report_id + 100, year=2024, paragraphs=list(r.paragraphs))
        for r in corpus(30, seed=12, year=2024)
    ]
    for r in new:
        r.entity = f"{NAMES[r.report_id - 100]}区人民政府"
    repeated = _edit(old[3].paragraphs[1], "figure", random.Random(1))
    new[3].paragraphs.insert(2, repeated)  # same unit, a year later
    new[5].paragraphs.insert(0, old[9].paragraphs[0])  # another unit's last report
    result = find_copies([r.doc() for r in old + new])
    assert [(c.a, c.b, c.relation) for c in result.pairs] == [(103, 3, "previous_year")]
    c = result.pairs[0]
    assert new[3].text[c.a_start : c.a_end] in repeated
    assert c.a_end - c.a_start >= 0.8 * len(repeated)
    assert result.share[103] > 0 and result.share[3] == 0.0


def test_same_entity_is_not_compared_within_a_year() -> None:
    """南岸区人民政府 and 重庆市南岸区人民政府 are one entity: two versions of its report are not
    a copy of each other, but the same text under another unit's name is. (Thirty reports, so
    that the phrases all of them share count as formulas, as in any real corpus.)"""
    base = corpus(30, seed=21)
    twin = replace(base[0], report_id=50, paragraphs=list(base[0].paragraphs))
    base[0].entity, twin.entity = "南岸区人民政府", "重庆市南岸区人民政府"
    other = replace(twin, report_id=51, entity="江津区人民政府")
    result = find_copies([r.doc() for r in [*base, twin, other]])
    assert {(c.a, c.b) for c in result.pairs} == {(0, 51), (50, 51)}


def test_fetch_gives_the_same_result() -> None:
    reports = corpus(40, seed=31)
    plant(reports, 6, seed=32)
    texts = {r.report_id: r.text for r in reports}
    asked: list[int] = []

    def fetch(report_id: int) -> str:
        asked.append(report_id)
        return texts[report_id]

    kept = find_copies([r.doc() for r in reports])
    fetched = find_copies([r.doc() for r in reports], fetch=fetch)
    assert fetched.pairs == kept.pairs and fetched.share == kept.share
    assert set(asked) <= set(texts)


def test_corpus_must_come_sorted_by_year() -> None:
    a, b = corpus(1, seed=41, year=2024)[0], corpus(1, seed=42, year=2023, first_id=1)[0]
    with pytest.raises(ValueError, match="sorted by year"):
        find_copies([a.doc(), b.doc()])
    with pytest.raises(ValueError, match="twice"):
        find_copies([a.doc(), a.doc()])


def test_undated_reports_are_set_aside() -> None:
    reports = corpus(30, seed=51)
    undated = replace(reports[0].doc(), report_id=999, year=None)
    result = find_copies([undated, *(r.doc() for r in reports)])
    assert result.undated == [999]
    assert 999 not in result.share and not result.pairs
