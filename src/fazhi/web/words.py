"""The web's words, Chinese first with English beside them, looked up per request.

``fazhi.i18n`` keeps one language for the whole process (right for a command), but a server
answers a Chinese and an English reader at the same time, so the web passes the language with
each lookup. Words the CLI has already (parts, levels, verdicts …) come from ``fazhi.i18n``'s
table; the web's own are here, the same (zh, en) pairs, so the two never drift apart.
"""

from __future__ import annotations

from fazhi.i18n import MESSAGES, in_lang

WORDS: dict[str, tuple[str, str]] = {
    # frame
    "brand": ("法治政府建设年度报告", "Annual reports on law-based government"),
    "nav.dashboard": ("总览", "Dashboard"),
    "nav.reports": ("报告", "Reports"),
    "nav.compare": ("比较", "Compare"),
    "nav.search": ("检索", "Search"),
    "nav.rules": ("规则", "Rules"),
    "nav.upload": ("上传", "Upload"),
    "nav.errors": ("入库错误", "Ingest errors"),
    "nav.users": ("用户", "Users"),
    "nav.api": ("接口文档", "API"),
    "login": ("登录", "Log in"),
    "logout": ("退出", "Log out"),
    "username": ("用户名", "Username"),
    "password": ("密码", "Password"),
    "role": ("角色", "Role"),
    "role.viewer": ("查看者", "viewer"),
    "role.reviewer": ("审核员", "reviewer"),
    "role.admin": ("管理员", "admin"),
    "public_visitor": ("公开访问", "public visitor"),
    "json_twin": ("本页数据（JSON）", "This page as JSON"),
    "apply": ("应用", "Apply"),
    "reset": ("清除", "Clear"),
    "all": ("全部", "all"),
    "none": ("无", "none"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "page_of": ("第 {page} / {pages} 页，共 {total} 条", "page {page} of {pages}, {total} in all"),
    "year": ("年度", "Year"),
    "region": ("地区（省级）", "Region (province)"),
    "parent": ("上级政府", "Parent government"),
    "level.unknown": ("未识别", "not recognised"),
    "report": ("报告", "report"),
    "open": ("打开", "open"),
    # login
    "login.title": ("登录", "Log in"),
    "login.failed": (
        "用户名或密码不正确，或账户已停用。请重试，或联系管理员。",
        "Wrong username or password, or the account is disabled. Try again or ask an admin.",
    ),
    "login.first_admin": (
        "还没有任何用户。请在服务器上运行 fazhi user add 用户名 --admin 创建第一位管理员。",
        "There are no users yet. Run fazhi user add NAME --admin on the server first.",
    ),
    "logged_out": ("已退出。", "You are logged out."),
    # dashboard
    "dash.title": ("总览", "Dashboard"),
    "dash.reports": ("报告数", "Reports"),
    "dash.units": ("单位数", "Units"),
    "dash.on_time": ("按时发布", "Published on time"),
    "dash.late": ("逾期", "Late"),
    "dash.timeliness_unknown": ("日期不明", "Dates unknown"),
    "dash.timeliness_note": (
        "按时：各项时限规则均未违反且至少一项符合；逾期：任一时限规则不符合；日期不明：报告中找不到日期。",
        "On time: no deadline rule failed and at least one passed; late: a deadline rule "
        "failed; unknown: the report gives no date.",
    ),
    "dash.score_mean": ("平均分", "Mean score"),
    "dash.score_median": ("中位数", "Median score"),
    "dash.missing": ("缺少必备内容的报告", "Reports missing a required part"),
    "dash.missing_part": ("内容", "Part"),
    "dash.missing_count": ("缺少的报告数", "Reports without it"),
    "dash.share": ("占比", "Share"),
    "dash.histogram": ("得分分布", "Score distribution"),
    "dash.weakest": ("得分最低的单位", "Weakest units"),
    "dash.strongest": ("得分最高的单位", "Strongest units"),
    "dash.ranking": ("单位排名", "Ranking of units"),
    "dash.ranking_note": (
        "每个单位取筛选范围内最新一年的报告。",
        "Each unit by its latest report in the selection.",
    ),
    "dash.indicators": ("核心指标汇总", "Core indicators"),
    "dash.ind_reports": ("提及的报告", "Reports giving it"),
    "dash.ind_total": ("合计", "Total"),
    "dash.ind_mean": ("平均", "Mean"),
    "dash.ind_note": (
        "数量和金额为各报告数值之和（每份报告取其最大值，即通常的总数）；比率为各报告数值的平均。",
        "Counts and amounts add up each report's figure (its largest, usually the total); "
        "rates are averaged.",
    ),
    "dash.empty": (
        "没有符合条件的报告。请放宽筛选条件，或先上传报告。",
        "No reports match. Widen the filters, or upload reports first.",
    ),
    "rank": ("排名", "Rank"),
    "by_level": ("按层级", "By level"),
    # reports
    "reports.title": ("报告列表", "Reports"),
    "reports.entity_contains": ("报告主体包含", "Entity contains"),
    "reports.all_versions": ("含历史版本", "All versions"),
    "reports.none": ("没有符合条件的报告。", "No reports match."),
    "n_facts": ("数据条数", "Facts"),
    "superseded": ("已被新版本替代", "superseded"),
    # report page
    "rp.outline": ("提纲", "Outline"),
    "legend.fact": ("数据", "figure"),
    "legend.ev": ("证据", "evidence"),
    "legend.copy": ("雷同", "copied"),
    "legend.chrome": ("非正文", "page chrome"),
    "rp.no_outline": ("未识别出标题。", "No headings found."),
    "rp.text": ("报告全文", "Full text"),
    "rp.legend": (
        "数据：鼠标悬停可见数值、单位和指标；证据：点击右侧结论后高亮；"
        "雷同：与其他报告相同的段落；灰色为网页栏目等非正文内容。",
        "Key: figures show value, unit and indicator on hover; evidence lights up when you "
        "click a verdict; copied passages are underlined; page chrome is grey.",
    ),
    "rp.verdicts": ("审查结论", "Verdicts"),
    "rp.review_docx": ("下载审查意见（Word）", "Download the review (Word)"),
    "rp.show_evidence": ("查看证据", "Show evidence"),
    "rp.no_evidence": (
        "无原文位置（该结论针对缺失的内容）",
        "no place in the text (about something missing)",
    ),
    "rp.basis": ("依据", "Basis"),
    "rp.score": ("得分", "Score"),
    "rp.no_score": ("未评分", "not scored"),
    "rp.parts": ("必备内容", "Required parts"),
    "rp.copies": ("雷同段落", "Copied passages"),
    "rp.copies_none": ("未发现与其他报告雷同的段落。", "No passage is shared with another report."),
    "rp.copies_not_run": (
        "尚未对语料库运行雷同检测（fazhi copies）。",
        "Copy detection has not been run on this corpus (fazhi copies).",
    ),
    "rp.copy_share": ("雷同比例", "Share copied"),
    "rp.similarity": ("相似度", "similarity"),
    "rel.same_year": ("同年度其他单位报告", "another unit's report of the same year"),
    "rel.repeats_previous": ("重复本单位上一年度报告", "repeats the unit's previous report"),
    "rel.repeated_next": ("被本单位下一年度报告重复", "repeated by the unit's next report"),
    "rp.promises": ("上年承诺的落实", "Last year's promises"),
    "rp.promises_none": (
        "没有该单位上一年度的报告可供对照。",
        "No earlier report of this unit to compare with.",
    ),
    "rp.promises_loading": ("正在对照上一年度报告的计划……", "Comparing with last year's plans…"),
    "rp.promises_open": ("查看逐项对照", "See item by item"),
    "pm.title": (
        "{entity}：{year}年报告中的下一年度安排，在本报告（{next}年）中的落实",
        "{entity}: the plans in the {year} report, taken up in this report ({next})",
    ),
    "pm.plan_report": ("计划所在报告", "Report with the plans"),
    "pm.score": ("吻合度", "match"),
    "pm.none": (
        "上一年度报告中没有可对照的计划事项。",
        "Last year's report has no plan items to compare.",
    ),
    "rp.versions": ("版本", "Versions"),
    "rp.source": ("来源文件", "Source file"),
    "rp.remove": ("删除此报告", "Remove this report"),
    "rp.remove_confirm": (
        "确定删除此报告版本？此操作不可撤销。",
        "Remove this report version? This cannot be undone.",
    ),
    "rp.removed": ("报告 {id} 已删除。", "Report {id} was removed."),
    "rp.facts": ("数据", "Facts"),
    "rp.facts_count": ("共 {n} 条数据", "{n} facts"),
    "rp.checks_count": (
        "符合 {passed} · 不符合 {failed} · 无法判断 {unknown} · 不适用 {na}",
        "{passed} pass · {failed} fail · {unknown} unknown · {na} n/a",
    ),
    # compare
    "cmp.title": ("比较", "Compare"),
    "cmp.by_indicator": ("按指标比较各单位", "One indicator across units"),
    "cmp.by_unit": ("按单位比较各年度", "One unit across years"),
    "cmp.indicator": ("指标", "Indicator"),
    "cmp.choose_indicator": ("请选择指标", "choose an indicator"),
    "cmp.entity": ("单位", "Unit"),
    "cmp.years": ("年度（可多选，不选为全部）", "Years (several or none for all)"),
    "cmp.value": ("数值", "Value"),
    "cmp.export": ("导出", "Export"),
    "cmp.stats": (
        "{n} 个单位 · 平均 {mean} · 中位数 {median} · 最小 {min} · 最大 {max}",
        "{n} units · mean {mean} · median {median} · min {min} · max {max}",
    ),
    "cmp.empty": ("没有报告给出该指标的数值。", "No report gives a figure for this indicator."),
    "cmp.pick_entity": (
        "有多个单位名称包含“{q}”，请选择：",
        "Several units match “{q}”; choose one:",
    ),
    "cmp.need_choice": (
        "请给出 indicator（按指标比较）或 entity（按单位比较）。",
        "Give indicator (compare units) or entity (compare years).",
    ),
    "cmp.no_entity": ("没有名称包含“{q}”的单位。", "No unit's name contains “{q}”."),
    "cmp.hint": (
        "选择一个指标和年度，比较各单位的数值；或输入一个单位，比较其各年度的全部指标。",
        "Pick an indicator and a year to compare units, or a unit to compare its years.",
    ),
    # search
    "search.title": ("检索", "Search"),
    "search.query": ("检索词", "Words"),
    "search.placeholder": ("如：行政复议 纠错", "e.g. 行政复议 纠错"),
    "search.part": ("报告部分", "Part"),
    "search.order": ("排序", "Order"),
    "search.relevance": ("相关度", "relevance"),
    "search.newest": ("最新", "newest"),
    "search.none": (
        "没有找到。请减少检索词或放宽筛选条件。",
        "Nothing found. Use fewer words or widen the filters.",
    ),
    "search.hint": (
        "输入词语，查找包含全部词语的段落；结果链接到报告原文中的位置。",
        "Type words to find passages that contain them all; each result opens the report there.",
    ),
    # upload
    "up.title": ("上传报告", "Upload reports"),
    "up.drop": (
        "把报告文件（txt、html、docx、pdf）或 zip 压缩包拖到这里，或点击选择文件",
        "Drop report files (txt, html, docx, pdf) or a zip here, or click to choose",
    ),
    "up.send": ("上传并分析", "Upload and analyse"),
    "up.limits": (
        "单个文件不超过 {file_mb} MB，每次上传合计不超过 {request_mb} MB；"
        "zip 包最多 {members} 个文件。",
        "Up to {file_mb} MB a file and {request_mb} MB an upload; a zip may hold {members} files.",
    ),
    "up.waiting": ("等待中", "waiting"),
    "up.sending": ("上传中", "uploading"),
    "up.analysing": ("分析中", "analysing"),
    "up.added": ("已入库", "stored"),
    "up.unchanged": ("已存在（内容相同）", "already stored (same content)"),
    "up.failed": ("未能入库", "not stored"),
    "up.refused": ("已拒绝", "refused"),
    "up.results": ("上传结果", "Results"),
    "up.summary": (
        "共 {n} 个文件：入库 {ok} 个，未入库 {bad} 个。",
        "{n} files: {ok} stored, {bad} not.",
    ),
    "up.nojs": (
        "（浏览器未启用脚本时，所有文件一次提交。）",
        "(Without scripts, all files are sent at once.)",
    ),
    "up.file": ("文件", "File"),
    "up.status": ("状态", "Status"),
    "up.failed_generic": (
        "文件未能入库，原因未知。请查看“入库错误”页。",
        "The file was not stored; see Ingest errors.",
    ),
    # upload refusals (codes of fazhi.web.uploads)
    "upload.not_multipart": (
        "请以 multipart/form-data 方式上传文件（表单字段名 files）。",
        "Send files as multipart/form-data (field name: files).",
    ),
    "upload.request_too_large": (
        "上传内容过大：每次上传合计不能超过 {mb} MB。请分批上传。",
        "The upload is too large: at most {mb} MB at a time. Send the files in batches.",
    ),
    "upload.too_large": (
        "{name}：文件过大，单个文件不能超过 {mb} MB。请压缩图片或拆分文件后再上传。",
        "{name}: too large; a file may be at most {mb} MB. Shrink or split it and try again.",
    ),
    "upload.too_many_parts": (
        "一次上传的文件过多（上限 {n} 个）。请分批上传。",
        "Too many files at once (at most {n}). Send them in batches.",
    ),
    "upload.field_too_large": ("表单字段过长。", "A form field is too long."),
    "upload.malformed": (
        "上传内容格式有误，无法读取。请重新上传。",
        "The upload could not be read. Please send it again.",
    ),
    "upload.no_files": (
        "没有收到文件。请选择要上传的报告文件。",
        "No file was received. Choose the report files to upload.",
    ),
    "upload.one_file": (
        "请只上传一个报告文件进行分析。",
        "Send exactly one report file to analyse.",
    ),
    "upload.empty": ("{name}：文件是空的。", "{name}: the file is empty."),
    "upload.unsafe_path": ("{name}：文件名不安全，已拒绝。", "{name}: unsafe file name; refused."),
    "upload.zip_empty": ("{name}：压缩包里没有文件。", "{name}: the zip holds no files."),
    "upload.zip_too_many": (
        "{name}：压缩包里的文件过多（上限 {n} 个）。请拆分后上传。",
        "{name}: the zip holds too many files (at most {n}). Split it.",
    ),
    "upload.zip_unsafe_path": (
        "{name}：压缩包中的“{member}”路径不安全（绝对路径或含 ..），整个压缩包已拒绝。",
        "{name}: “{member}” has an unsafe path (absolute or with ..); the zip was refused.",
    ),
    "upload.zip_link": (
        "{name}：压缩包中的“{member}”是链接，整个压缩包已拒绝。",
        "{name}: “{member}” is a link; the zip was refused.",
    ),
    "upload.zip_nested": (
        "{name}：压缩包里又含压缩包（“{member}”），已拒绝。请解压后上传其中的报告文件。",
        "{name}: the zip holds another archive (“{member}”); refused. "
        "Unpack it and upload the reports.",
    ),
    "upload.zip_nested_member": (
        "{name}：这是一个压缩包，不能嵌套在压缩包中上传。",
        "{name}: this is an archive; archives inside a zip are refused.",
    ),
    "upload.zip_bomb": (
        "{name}：压缩比异常（“{member}”），疑似压缩炸弹，已拒绝。",
        "{name}: abnormal compression ratio (“{member}”), a likely zip bomb; refused.",
    ),
    "upload.zip_too_big": (
        "{name}：解压后总大小超过 {mb} MB，已拒绝。请拆分后上传。",
        "{name}: more than {mb} MB once unpacked; refused. Split it.",
    ),
    "upload.zip_damaged": (
        "{name}：压缩包已损坏，无法打开。",
        "{name}: the zip is damaged and cannot be opened.",
    ),
    "upload.zip_damaged_member": (
        "{name}：压缩包中的此文件已损坏。",
        "{name}: this member of the zip is damaged.",
    ),
    "upload.zip_encrypted": (
        "{name}：文件已加密，请解密后上传。",
        "{name}: the file is encrypted; decrypt it first.",
    ),
    # rules page
    "rules.title": ("审查规则与评分", "Rules and scoring"),
    "rules.note": (
        "报告按以下规则审查，按评分表计分（数据文件 rules.yaml、rubric.yaml；"
        "自定义规则见 docs/checks.md，可用 fazhi check --rules 试用）。",
        "Reports are checked against these rules and scored by this rubric (rules.yaml, "
        "rubric.yaml; to change them see docs/checks.md and try fazhi check --rules).",
    ),
    "rules.rubric": ("评分表", "Rubric"),
    "rules.weight": ("权重", "Weight"),
    "rules.items": ("计分规则", "Scored rules"),
    "rules.levels": ("适用层级", "Levels"),
    "rules.enabled": ("启用", "On"),
    # errors page
    "errors.title": ("入库错误", "Ingest errors"),
    "errors.none": ("没有入库错误。", "No ingest errors."),
    "errors.path": ("文件", "File"),
    "errors.reason": ("原因", "Reason"),
    "errors.at": ("时间", "When"),
    # users
    "users.title": ("用户管理", "Users"),
    "users.add": ("添加用户", "Add a user"),
    "users.active": ("启用", "Active"),
    "users.created": ("创建时间", "Created"),
    "users.save": ("保存", "Save"),
    "users.new_password": ("新密码（留空不改）", "New password (blank: keep)"),
    "users.tokens": ("API 令牌", "API tokens"),
    "users.token_name": ("令牌名称", "Token name"),
    "users.new_token": ("生成令牌", "New token"),
    "users.token_once": (
        "新令牌如下，只显示这一次，请立即复制保存：",
        "Here is the new token. It is shown only once; copy it now:",
    ),
    "users.revoke": ("吊销", "Revoke"),
    "users.last_used": ("最近使用", "Last used"),
    "users.never": ("从未", "never"),
    "users.saved": ("已保存。", "Saved."),
    "users.added": ("已添加用户 {name}。", "Added user {name}."),
    "users.revoked": ("令牌已吊销。", "The token was revoked."),
    # errors answered to requests
    "err.not_found": ("页面或资源不存在。", "There is no such page or resource."),
    "err.report_not_found": (
        "报告 {id} 不存在，可能已被删除。",
        "Report {id} does not exist; it may have been removed.",
    ),
    "err.user_not_found": ("用户 {id} 不存在。", "User {id} does not exist."),
    "err.token_not_found": ("令牌 {id} 不存在。", "Token {id} does not exist."),
    "err.bad_token": (
        "API 令牌无效或已吊销。请向管理员申请新令牌。",
        "The API token is invalid or revoked. Ask an admin for a new one.",
    ),
    "err.need_viewer": ("请先登录。", "Please log in."),
    "err.need_reviewer": (
        "此操作需要审核员或管理员权限。",
        "This needs the reviewer or admin role.",
    ),
    "err.need_admin": ("此操作需要管理员权限。", "This needs the admin role."),
    "err.csrf": (
        "表单已过期或来源不明（CSRF 校验未通过）。请刷新页面后重试。",
        "The form expired or came from elsewhere (CSRF check failed). Reload the page and retry.",
    ),
    "err.invalid": ("请求参数有误：{details}", "Invalid request: {details}"),
    "err.bad_json": (
        "请求体不是有效的 JSON：{details}",
        "The request body is not valid JSON: {details}",
    ),
    "err.method": ("不支持此请求方法。", "This method is not allowed here."),
    "err.internal": (
        "服务器内部错误，已记录。请稍后重试或联系管理员。",
        "Internal error, logged. Retry later or ask an admin.",
    ),
    "err.title": ("出错了", "Something went wrong"),
    "err.back": ("返回总览", "Back to the dashboard"),
    "err.service": ("{details}", "{details}"),
    "err.store": ("语料库暂时无法访问：{details}", "The corpus cannot be reached: {details}"),
}


def tr(lang: str, key: str, **params: object) -> str:
    """The words for ``key`` in ``lang`` (the web's table, then the CLI's), with ``params``
    filled in; an unknown key is shown as it is, so a missing word is visible, not fatal."""
    text = in_lang(WORDS.get(key) or MESSAGES.get(key), lang, key)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
