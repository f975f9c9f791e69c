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
    "cannot_write": (
        "无法写入 {path}：{why}。请检查目录是否存在、是否可写。",
        "cannot write {path}: {why}. Check that the folder exists and is writable.",
    ),
    # the review (审查意见) as a Word document
    "review_heading": ("{name}年度法治政府建设报告审查意见", "Review of the {name} report"),
    "review_basics": ("一、报告基本情况", "1. The report"),
    "review_parts": ("二、必备内容", "2. Required parts"),
    "review_verdicts": ("三、审查结论", "3. Verdicts"),
    "review_issues": ("四、需要改进的问题", "4. What needs attention"),
    "review_none": ("各项要求均已满足。", "Every requirement is met."),
    "review_more": ("另有 {n} 处证据，见系统。", "{n} more pieces of evidence in the tool."),
    "review_footer": (
        "本意见由 fazhi {version}（评分表第 {rules} 版）自动生成，发出前请核对。",
        "Drafted by fazhi {version} (rubric version {rules}); check before sending.",
    ),
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
    # the corpus (fazhi ingest, list, show, remove, reanalyze, search, compare)
    "ingesting": ("正在入库", "Ingesting"),
    "reanalyzing": ("正在重新分析", "Re-analysing"),
    "ingest_summary": (
        "共 {n} 个文件：新增 {added} 份，新版本 {versions} 份，已在库中 {unchanged} 份，"
        "失败 {bad} 份（{secs:.1f} 秒）。",
        "{n} files: {added} added, {versions} new versions, {unchanged} already stored, "
        "{bad} failed ({secs:.1f} s).",
    ),
    "reanalyze_summary": (
        "共 {n} 份报告：重新分析 {updated} 份，已是最新 {current} 份，"
        "失败 {bad} 份（{secs:.1f} 秒）。",
        "{n} reports: {updated} re-analysed, {current} up to date, {bad} failed ({secs:.1f} s).",
    ),
    "reindexed": ("已重建 {n} 份报告的检索索引。", "Rebuilt the search index of {n} reports."),
    "ingest_failed": ("以下文件未能入库", "These files could not be stored"),
    "reanalyze_failed": (
        "以下报告未能重新分析（保留原分析）",
        "These reports kept their old analysis",
    ),
    "no_report": (
        "没有编号为 {id} 的报告。请用 fazhi list 查看编号。",
        "No report with id {id}; fazhi list shows the ids.",
    ),
    "removed": ("已删除报告 {id}。", "Removed report {id}."),
    "promoted": (
        "上一版本（报告 {id}）恢复为当前版本。",
        "Its previous version (report {id}) is current again.",
    ),
    "no_errors": ("没有入库错误。", "No ingest errors."),
    "listed": (
        "共 {total} 份，显示第 {first}–{last} 份。",
        "{total} in all, showing {first}–{last}.",
    ),
    "report_id": ("编号", "id"),
    "version": ("版本", "version"),
    "current": ("当前", "current"),
    "path": ("路径", "path"),
    "analysed_at": ("分析时间", "analysed"),
    "reason": ("原因", "reason"),
    "time": ("时间", "time"),
    "versions": ("版本", "versions"),
    "no_results": ("没有找到。", "Nothing found."),
    "more_results": (
        "还有更多结果：加 --offset {next} 查看下一页。",
        "More results: add --offset {next} for the next page.",
    ),
    "offset": ("位置", "offset"),
    "compare_sheet": ("比较", "compare"),
    "figures_sheet": ("数据明细", "figures"),
    "other_figures": ("同一指标的其他数据", "other figures for this indicator"),
    "shown": ("表中所示", "shown"),
    "change_pct": ("变化%", "change %"),
    "stated_change": ("所述变化", "stated change"),
    "base_figure": ("本年数据", "this year"),
    "previous_figure": ("上年数据", "previous year"),
    "computed_change": ("按两年数据计算", "computed"),
    "consistent": ("相符", "consistent"),
    "mismatch": ("不符", "mismatch"),
    "change_no_previous": ("库中没有上年报告的对应数据", "no figure in the previous year's report"),
    "change_bound": ("数据只给出上限或下限", "a figure is only a bound"),
    "change_unit": ("变化的单位无法核对", "the change's unit cannot be checked"),
    "no_rows": ("没有符合条件的数据。", "No figures match."),
    # copies and promises (fazhi copies, fazhi promises)
    "copies_run": (
        "重复文字检测：找到 {pairs} 对相同段落，涉及 {reports} 份报告（{secs:.0f} 秒）。",
        "Copy detection: {pairs} shared passages across {reports} reports ({secs:.0f} s).",
    ),
    "copy_share": ("重复文字占比", "share of copied text"),
    "copy_with": ("相同段落所在报告", "shared with"),
    "copy_relation": ("关系", "relation"),
    "same_year": ("同年其他单位", "another unit, same year"),
    "previous_year": ("本单位上年", "own previous year"),
    "repeats_previous": ("重复本单位上一年度报告", "repeats the unit's previous report"),
    "repeated_next": ("被本单位下一年度报告重复", "repeated by the unit's next report"),
    "similarity": ("相似度", "similarity"),
    "excerpt": ("摘录", "excerpt"),
    "promises_of": (
        "{entity}：{year}年报告中的下一年度安排，在{next}年报告中",
        "{entity}: the plans in the {year} report, in the {next} report",
    ),
    "share_taken_up": ("兑现比例", "share taken up"),
    "plan_item": ("计划事项", "plan item"),
    "plan_items": ("计划事项数", "plan items"),
    "promise_status": ("情况", "status"),
    "taken_up": ("已提到", "taken up"),
    "not_mentioned": ("未提到", "not mentioned"),
}


def set_lang(lang: str) -> None:
    _LANG[0] = "en" if lang.lower().startswith("en") else "zh"


def lang() -> str:
    return _LANG[0]


def t(key: str, **kw: object) -> str:
    """The message ``key`` in the current language; unknown keys are shown as they are."""
    return t_in(_LANG[0], key, **kw)


def t_in(lang: str, key: str, **kw: object) -> str:
    """The message ``key`` in ``lang``: for a server, whose every request has its own."""
    text = in_lang(MESSAGES.get(key), lang, key)
    return text.format(**kw) if kw else text


def in_lang(pair: tuple[str, str] | None, lang: str, key: str) -> str:
    """The half of a (Chinese, English) pair for ``lang``; the key itself when there is no pair,
    so that a missing word shows rather than fails."""
    return key if pair is None else pair[1 if lang == "en" else 0]
