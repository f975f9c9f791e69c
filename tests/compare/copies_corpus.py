"""A corpus written for copy detection: reports of random sentences in the field's words, so that
they share nothing but the political formulas every report repeats; and paragraphs planted from
one report into another."""

from __future__ import annotations

import random
from dataclasses import dataclass

from fazhi.compare.copies import CopyDoc

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


def edit(paragraph: str, kind: str, rng: random.Random) -> str:
    """The paragraph with one figure changed, or one clause dropped, or as it was."""
    if kind == "figure":
        digits = [i for i, c in enumerate(paragraph) if c.isdigit()]
        if not digits:
            return paragraph.replace("，", f"，办理{rng.randint(10, 99)}件", 1)
        i = rng.choice(digits)
        return paragraph[:i] + str((int(paragraph[i]) + 3) % 10) + paragraph[i + 1 :]
    if kind == "clause":
        sentences = [s for s in paragraph.split("。") if s]
        longest = max(range(len(sentences)), key=lambda i: sentences[i].count("，"))
        clauses = sentences[longest].split("，")
        if len(clauses) > 1:
            del clauses[rng.randrange(len(clauses) - 1)]
        sentences[longest] = "，".join(clauses)
        return "。".join(sentences) + "。"
    return paragraph


def plant(reports: list[Report], k: int, seed: int) -> list[Plant]:
    """Copy a paragraph of one report into ``k`` others, each source and target used once."""
    rng = random.Random(seed)
    order = rng.sample(range(len(reports)), 2 * k)
    plants = []
    for i in range(k):
        src, dst = reports[order[2 * i]], reports[order[2 * i + 1]]
        paragraph = rng.choice([p for p in src.paragraphs if p != SHARED])
        kind = ("verbatim", "figure", "clause")[i % 3]
        copied = edit(paragraph, kind, rng)
        dst.paragraphs.insert(rng.randrange(len(dst.paragraphs) + 1), copied)
        plants.append(Plant(src.report_id, dst.report_id, paragraph, copied, kind))
    return plants
