"""User-facing words, Chinese first with English available (``FAZHI_LANG=en`` or ``--lang en``).

Clerks in a 依法治区办 read Chinese; researchers abroad and other programs may want English. One
table keeps both so they never drift apart.
"""

from __future__ import annotations

import os

_LANG = [os.environ.get("FAZHI_LANG", "zh")]

MESSAGES: dict[str, tuple[str, str]] = {
    # parts of a report
    "achievements": ("主要举措和成效", "measures and results"),
    "responsibility": ("主要负责人履行第一责任人职责情况", "leaders' first-responsibility duties"),
    "shortcomings": ("存在的不足", "shortcomings"),
    "shortcoming_causes": ("不足的原因分析", "causes of shortcomings"),
    "next_year": ("下一年度主要安排", "plans for next year"),
    "other": ("其他", "other"),
    "preamble": ("开头", "opening"),
    # metadata
    "title": ("标题", "title"),
    "entity": ("报告主体", "entity"),
    "level": ("层级", "level"),
    "report_year": ("报告年度", "report year"),
    "signed_date": ("落款日期", "signed"),
    "publish_date": ("发布日期", "published"),
    "province": ("省级", "province"),
    "city": ("市级", "city"),
    "county_district": ("区县级", "county/district"),
    "township": ("乡镇街道", "township"),
    "department": ("部门", "department"),
    # facts
    "count": ("数量", "count"),
    "money": ("金额", "money"),
    "rate": ("比率", "rate"),
    "change": ("变化", "change"),
    "rank": ("排名", "rank"),
    "exact": ("确数", "exact"),
    "over": ("以上", "over"),
    "about": ("约数", "about"),
    "nearly": ("接近", "nearly"),
    "under": ("不足", "under"),
    # verdicts
    "pass": ("符合", "pass"),
    "fail": ("不符合", "fail"),
    "not_applicable": ("不适用", "n/a"),
    "unknown": ("无法判断", "unknown"),
    # CLI words
    "file": ("文件", "file"),
    "present": ("有", "yes"),
    "absent": ("缺", "no"),
    "headings": ("提纲", "outline"),
    "facts": ("数据", "facts"),
    "section": ("部分", "section"),
    "indicator": ("指标", "indicator"),
    "indicator_name": ("指标名称", "indicator name"),
    "subject": ("统计对象", "subject"),
    "value": ("数值", "value"),
    "unit": ("单位", "unit"),
    "qualifier": ("限定", "qualifier"),
    "kind": ("类型", "kind"),
    "sentence": ("原句", "sentence"),
    "analyzing": ("正在分析", "Analysing"),
    "failed_files": ("以下文件未能读取", "These files could not be read"),
    "no_inputs": ("没有找到可分析的文件。", "No files to analyse were found."),
    "skipped": ("已跳过（不是报告文件）", "skipped (not a report file)"),
    "summary_ok": (
        "共 {n} 份报告，成功 {ok} 份，失败 {bad} 份。",
        "{n} reports: {ok} read, {bad} failed.",
    ),
    "metric": ("指标", "measure"),
    "result": ("结果", "result"),
    "wrote": ("已写入 {path}", "wrote {path}"),
    "verdicts": ("审查结论", "verdicts"),
    "score": ("得分", "score"),
    "rule": ("规则", "rule"),
    "verdict": ("结论", "verdict"),
    "message": ("说明", "message"),
    "basis": ("依据", "basis"),
    "facts_written": ("已写出 {n} 条数据到 {path}", "wrote {n} facts to {path}"),
    # checks (fazhi check, the compliance matrix)
    "checking": ("正在审查", "Checking"),
    "evidence": ("证据", "evidence"),
    "measures": ("度量", "measures"),
    "error": ("错误", "error"),
    "rule_title": ("规则名称", "rule title"),
    "compliance_sheet": ("审查矩阵", "compliance"),
    "details_sheet": ("审查明细", "details"),
    "rules_file_error": ("规则文件有误", "Rule file error"),
    "rubric_unknown_rules": (
        "评分表引用了规则集中没有的规则，这些项不计分：{ids}",
        "The rubric scores rules the rule set does not have; they are left out: {ids}",
    ),
    "verdict_counts": (
        "符合 {passed} 项，不符合 {failed} 项，无法判断 {unknown} 项，不适用 {na} 项",
        "{passed} pass, {failed} fail, {unknown} unknown, {na} not applicable",
    ),
}


def set_lang(lang: str) -> None:
    _LANG[0] = "en" if lang.lower().startswith("en") else "zh"


def lang() -> str:
    return _LANG[0]


def t(key: str, **kw: object) -> str:
    """The message ``key`` in the current language; unknown keys are shown as they are."""
    pair = MESSAGES.get(key)
    text = key if pair is None else pair[1 if _LANG[0] == "en" else 0]
    return text.format(**kw) if kw else text
