"""Promises kept, on pairs of reports written for the test: a unit's plans for the next year and
its report a year later, which takes up some of them in other words and says nothing of others.
Each plan item carries whether it was taken up; the tests measure precision and recall of
``taken_up`` over all pairs."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from fazhi import analyze
from fazhi.compare.promises import PromiseReport, match_promises, plan_items
from fazhi.model import Analysis


@dataclass(frozen=True)
class Pair:
    plan: str
    later: str
    taken: tuple[bool, ...]  # per plan item, in order


def _report(entity: str, year: int, achievements: str, plans: str) -> str:
    return f"""{entity}关于{year}年度法治政府建设情况的报告
{year}年，{entity}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下：
一、{year}年推进法治政府建设的主要举措和成效
{achievements}
二、{year}年党政主要负责人履行推进法治建设第一责任人职责情况
主要负责同志主持召开常务会议专题研究法治政府建设4次，带头开展述法，年度述法评议结果良好。
三、{year}年推进法治政府建设存在的不足和原因
一是基层执法力量仍然薄弱；二是法治人才储备不足。原因在于编制和培训投入不够。
四、{year + 1}年推进法治政府建设的工作思路
{plans}
{entity}
{year + 1}年2月20日
"""


DISTRICT_PLAN = """2024年，我区将坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，重点做好以下工作：
一是深化行政执法体制改革。推进镇街综合行政执法赋权事项承接，开展行政执法人员全员轮训，提升基层执法规范化水平。
二是加强重大行政决策合法性审查。落实重大行政决策目录管理制度，实现区政府重大行政决策事项合法性审查全覆盖。
三是推进公共法律服务体系建设。建成区、镇街、村社三级公共法律服务平台，扩大法律援助覆盖面。
四是推进八五普法规划实施。开展宪法宣传周、民法典宣传月主题活动，培育农村学法用法示范户。
五是加强行政复议规范化建设。落实行政复议体制改革，推进行政复议案件繁简分流。
六是推进政务公开标准化规范化。完善主动公开目录，提高依申请公开答复质量。
七是健全涉企行政检查备案制度。推行“综合查一次”，减少对企业的重复检查。
八是加强安全生产领域行政执法监督。组织执法案卷交叉评查，纠正执法程序不规范问题。
九是推动矛盾纠纷多元化解。健全人民调解、行政调解、司法调解联动工作体系。"""  # noqa: E501

DISTRICT_DONE = """（一）执法体制改革走深走实。全区18个镇街全部承接综合行政执法赋权事项，累计下放执法事项126项；分批组织执法人员轮训，参训1260人次，基层执法案卷合格率提升至96%。
（二）依法决策水平持续提升。编制并公布年度重大行政决策事项目录，列入目录的12项重大行政决策全部经过合法性审核，审核率100%。
（三）法律服务更加便民。区、镇街、村社三级公共法律服务平台全面建成运行，全年办理法律援助案件1526件，同比增长18%。
（四）复议主渠道作用更加突出。行政复议案件实行繁简分流，简易案件平均办结时间缩短至20天，全年新收复议案件312件。
（五）涉企检查更加规范。推行涉企行政检查“综合查一次”，联合检查覆盖企业860家，企业受检次数下降35%。
（六）安全生产执法力度加大。开展危险化学品和燃气安全专项执法检查，查处违法行为214起，罚没款380万元。
（七）数字政府建设提速。上线“一网通办”高频事项320项，网上可办率达到98%，企业群众办事跑动次数明显减少。
（八）多元解纷格局形成。建成区级矛盾调处中心，人民调解、行政调解与诉讼调解衔接联动，全年调处各类纠纷2410件。"""  # noqa: E501

BUREAU_PLAN = """（一）持续规范行政执法行为。严格执行行政执法公示、执法全过程记录、重大执法决定法制审核制度，每季度开展一次执法案卷评查。
（二）深化“放管服”改革。压减审批环节和办理时限，推行告知承诺制，实现高频事项“一网通办”。
（三）提升执法队伍素质。组织执法人员参加法律知识培训和执法资格考试，培养一批执法骨干。
（四）推进智慧城管建设。建设城市运行监测平台，实现占道经营、违规停车等问题智能发现、自动派单。
（五）加强法律顾问工作。发挥法律顾问和公职律师在合同审查、信访化解中的作用。
（六）推动信访矛盾源头化解。落实领导干部接访下访制度，化解信访积案。"""  # noqa: E501

BUREAU_DONE = """（一）执法行为更加规范。严格落实行政执法“三项制度”，公示执法信息2130条，重大执法决定全部经过法制审核；每季度组织案卷评查，评查案卷420卷，整改问题37个。
（二）审批服务提速增效。推行证明事项告知承诺制，审批时限平均压缩45%，城市道路挖掘等高频事项实现网上办理。
（三）市容环境持续改善。完成背街小巷整治46条，新增绿地面积12万平方米，垃圾分类覆盖率达到92%。
（四）队伍建设不断加强。组织全体执法人员参加法律知识轮训3期，86人通过执法资格考试，评选执法标兵12名。
（五）城市管理更加精细。开展夜间经营和露天烧烤专项整治，劝导流动摊贩1.2万次。
（六）信访积案全部清零。局领导接访下访42次，15件信访积案全部办结。"""  # noqa: E501

TOWN_PLAN = """下一步，我镇将持续深入学习贯彻习近平法治思想，紧紧围绕年度目标抓好落实。继续开展矛盾纠纷排查化解，做到小事不出村、大事不出镇。推进村（社区）法律顾问全覆盖，每个村配备一名法律顾问。加强基层法治队伍建设，培育法律明白人300名。探索建立乡镇合法性审查工作机制，镇政府合同协议全部经过合法性审查后签订。"""  # noqa: E501

TOWN_DONE = """一是矛盾纠纷化解成效明显。坚持和发展新时代“枫桥经验”，开展矛盾纠纷排查化解专项行动4轮，调处纠纷386件，调解成功率98%，实现小事不出村、大事不出镇。
二是基层法治力量不断壮大。全镇21个村（社区）全部配备法律顾问，累计提供法律咨询1300余次；培育“法律明白人”326名。
三是民生实事扎实推进。新建农村公路18公里，改造老旧小区3个，新增就业岗位560个。
四是平安建设持续深化。开展电信网络诈骗宣传进村入户，发案数同比下降21%。"""  # noqa: E501

PAIRS = (
    Pair(
        _report("某某区人民政府", 2023, "（一）全年办理政务服务事项10万件。", DISTRICT_PLAN),
        _report("某某区人民政府", 2024, DISTRICT_DONE, "一是持续深化法治政府建设。"),
        (True, True, True, False, True, False, True, False, True),
    ),
    Pair(
        _report("某某县城市管理局", 2023, "（一）全年查处违法建设120处。", BUREAU_PLAN),
        _report("某某县城市管理局", 2024, BUREAU_DONE, "一是持续规范执法。"),
        (True, True, True, False, False, True),
    ),
    Pair(
        _report("某某镇人民政府", 2023, "一是全年调处纠纷300件。", TOWN_PLAN),
        _report("某某镇人民政府", 2024, TOWN_DONE, "一是继续做好基层治理。"),
        (True, True, True, False),
    ),
)


@pytest.fixture(scope="module")
def reports() -> list[tuple[Pair, Analysis, Analysis, PromiseReport]]:
    out = []
    for pair in PAIRS:
        plan, later = analyze(pair.plan), analyze(pair.later)
        out.append((pair, plan, later, match_promises(plan, later)))
    return out


def test_items_are_the_numbered_promises_without_the_opening_formula(
    reports: list[tuple[Pair, Analysis, Analysis, PromiseReport]],
) -> None:
    for pair, plan, _, _ in reports:
        items = plan_items(plan)
        assert len(items) == len(pair.taken)
        for item in items:
            assert plan.text[item.start : item.end] == item.text
            assert plan.part_at(item.start) == "next_year"
            assert "习近平" not in item.text and "以下工作" not in item.text
            assert item.terms


def test_taken_up_precision_and_recall(
    reports: list[tuple[Pair, Analysis, Analysis, PromiseReport]],
) -> None:
    """Measured on these pairs at the shipped thresholds: 14 items said taken up, 13 rightly
    (the safety-inspection decoy is the false one), none missed: precision 0.93, recall 1.0."""
    tp = fp = fn = 0
    for pair, _, _, report in reports:
        for match, truth in zip(report.items, pair.taken, strict=True):
            said = match.status == "taken_up"
            tp += said and truth
            fp += said and not truth
            fn += truth and not said
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.9


def test_evidence_is_a_passage_of_the_later_achievements(
    reports: list[tuple[Pair, Analysis, Analysis, PromiseReport]],
) -> None:
    for _, _, later, report in reports:
        for match in report.items:
            if match.status == "taken_up":
                assert match.evidence is not None
                start, end = match.evidence
                assert later.part_at(start) == "achievements"
                assert later.part_at(end - 1) == "achievements"
            else:
                assert match.evidence is None
        taken = sum(m.status == "taken_up" for m in report.items)
        assert report.share_taken_up == taken / len(report.items)
        assert report.error is None


def test_unknown_when_the_later_report_has_no_achievements() -> None:
    plan = analyze(PAIRS[0].plan)
    later = analyze("一、存在的问题\n执法力量不足。\n二、下一步工作打算\n继续推进法治政府建设。\n")
    report = match_promises(plan, later)
    assert report.share_taken_up is None and report.error
    assert report.items and all(m.status == "unknown" for m in report.items)


def test_no_plan_part_is_said_so() -> None:
    plan = analyze("某某区人民政府\n全年办理政务服务事项10万件，群众满意率99%。\n")
    report = match_promises(plan, analyze(PAIRS[0].later))
    assert report.items == [] and report.share_taken_up is None and report.error
