"""Short reports written for the check tests: a complete, well-formed report by default, and
keyword arguments that take a part out, change a year, a date, the signature or a paragraph,
so each rule can be seen to pass and to fail on text made for it."""

from __future__ import annotations

from fazhi import analyze
from fazhi.model import Analysis, Span

ENTITY = "杭州市西湖区人民政府"
SHORT = "西湖区"

ACHIEVEMENTS = [
    "（一）深化“放管服”改革。{year}年，全区政务服务事项办件量达12.6万件，按时办结率100%。"
    "动态调整权责清单事项1260项。",
    "（二）完善依法行政制度体系。审核区政府规范性文件18件，备案审查部门规范性文件9件，"
    "清理规范性文件35件。",
    "（三）严格行政决策程序。完成重大行政决策事项7件，法律顾问出具法律意见320条。",
    "（四）规范行政执法。组织行政执法人员培训考试650人，评查行政执法案卷420卷，"
    "办理行政处罚案件1320件。",
    "（五）提升突发事件应对能力。修订应急预案23件，开展应急演练46次。",
    "（六）化解矛盾纠纷。受理行政复议案件136件，行政机关负责人出庭应诉率100%，"
    "人民调解组织调解纠纷2860件。",
    "（七）强化权力制约监督。办理人大代表建议98件、政协委员提案121件，主动公开政府信息5600条。",
    "（八）推进数字法治政府建设。上线行政执法监督平台，电子证照应用场景扩大到40个。",
]
RESPONSIBILITY = (
    "区委、区政府主要负责人认真履行推进法治建设第一责任人职责，主持召开区政府常务会议"
    "专题研究法治政府建设6次，带头开展述法。"
)
SHORTCOMINGS = (
    "一是部分部门规范性文件合法性审核不够严格，全年有3件文件被退回修改。"
    "二是基层行政执法力量薄弱，镇街执法人员持证率仅为76%。"
)
CAUSES = "究其原因，主要是执法人员培训不够系统，考核机制不够完善。"
PLANS = (
    "（一）{next}年6月底前出台《西湖区重大行政决策程序规定》。\n"
    "（二）开展行政执法案卷评查专项行动，案卷合格率达到95%以上。\n"
    "（三）年底前实现镇街执法人员持证率100%。"
)


def report(
    year: int = 2024,
    *,
    title: str | None = "{entity}关于{year}年度法治政府建设情况的报告",
    entity: str = ENTITY,
    opening: str | None = "{year}年，{short}坚持以习近平法治思想为指导，扎实推进法治政府建设。"
    "现将有关情况报告如下。",
    achievements: list[str] | None = None,
    achievements_heading: str = "一、{year}年推进法治政府建设的主要举措和成效",
    responsibility: str | None = RESPONSIBILITY,
    shortcomings: str | None = SHORTCOMINGS,
    causes: str | None = CAUSES,
    plans: str | None = PLANS,
    plans_heading: str = "{n}、{next}年推进法治政府建设的主要安排",
    signer: str | None = ENTITY,
    signed: str | None = "2025年2月20日",
    published: str | None = None,
) -> str:
    """The text of a report; ``None`` leaves a part (or the title, signature, date) out."""
    words = {"year": year, "next": year + 1, "entity": entity, "short": SHORT}
    lines: list[str] = []
    if published:
        lines.append(f"发布日期：{published}")
    if title:
        lines.append(title.format(**words))
    if opening:
        lines.append(opening.format(**words))
    n = 1
    lines.append(_renumber(achievements_heading.format(**words), n))
    lines += [a.format(**words) for a in (achievements or ACHIEVEMENTS)]
    if responsibility is not None:
        n += 1
        lines.append(f"{_cn(n)}、{year}年党政主要负责人履行推进法治建设第一责任人职责情况")
        lines.append(responsibility)
    if shortcomings is not None:
        n += 1
        lines.append(f"{_cn(n)}、{year}年推进法治政府建设存在的不足" + ("和原因" if causes else ""))
        lines.append(shortcomings + (causes or ""))
    if plans is not None:
        n += 1
        lines.append(plans_heading.format(n=_cn(n), **words))
        lines.append(plans.format(**words))
    if signer:
        lines.append(signer)
    if signed:
        lines.append(signed)
    return "\n".join(lines) + "\n"


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1]


def _renumber(heading: str, n: int) -> str:
    return _cn(n) + heading[1:] if heading[:1] == "一" else heading


def check(text_or_analysis: str | Analysis, rule: str, **options: object):
    """The verdict of one rule on a text, with the analysis it was made on."""
    a = (
        analyze(text_or_analysis, **options)
        if isinstance(text_or_analysis, str)
        else text_or_analysis
    )
    found = [c for c in a.checks if c.rule == rule]
    assert len(found) == 1, f"{rule} gave {len(found)} verdicts"
    return found[0], a


def shown(a: Analysis, spans: list[Span]) -> list[str]:
    """The words a verdict's evidence points at."""
    return [a.text[s.start : s.end] for s in spans]
