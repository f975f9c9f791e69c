"""The HTML pages: who may see them, forms and their CSRF tokens, untrusted report text shown
as text, nothing loaded from another host, every page's JSON twin, both languages."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from sqlalchemy import insert

from fazhi.store.schema import copy_pairs, copy_shares
from helpers import SEEDS
from web.web_helpers import PASSWORD, app_on_copy, client, csrf_of, is_local, logged_in, urls_of

SEED_TEXT = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
PAGES = [
    "/dashboard",
    "/dashboard?year=2024&level=county_district",
    "/reports",
    "/reports/1",
    "/reports/1?hl=10-20",
    "/compare",
    "/compare?indicator=disputes.reconsideration_cases",
    "/compare?entity=开州区",
    "/compare?entity=区",
    "/search",
    "/search?q=行政复议",
    "/rules",
    "/upload",
    "/errors",
    "/admin/users",
    "/docs",
    "/reports/999",
]


# --- who may see what --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(app: FastAPI) -> None:
    r = client(app).get("/compare?indicator=x", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=%2Fcompare%3Findicator%3Dx"


def test_login_goes_back_where_the_user_was(app: FastAPI) -> None:
    c = client(app)
    page = c.get("/login?next=/search%3Fq%3D复议")
    r = c.post(
        "/login",
        data={
            "username": "viewer",
            "password": PASSWORD,
            "csrf_token": csrf_of(page.text),
            "next": "/search?q=复议",
        },
        follow_redirects=False,
    )
    assert unquote(r.headers["location"]) == "/search?q=复议"
    assert "viewer" in c.get("/dashboard").text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example", "/\\evil.example"])
def test_login_never_redirects_off_site(app: FastAPI, target: str) -> None:
    c = client(app)
    token = csrf_of(c.get("/login").text)
    form = {"username": "viewer", "password": PASSWORD, "csrf_token": token, "next": target}
    assert c.post("/login", data=form, follow_redirects=False).headers["location"] == "/dashboard"


def test_a_wrong_password_says_so(app: FastAPI) -> None:
    c = client(app)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": "viewer", "password": "nope", "csrf_token": token})
    assert r.status_code == 401 and "用户名或密码不正确" in r.text
    assert 'value="viewer"' in r.text


def test_login_and_logout_need_the_csrf_token(app: FastAPI) -> None:
    c = client(app)
    c.get("/login")
    r = c.post("/login", data={"username": "viewer", "password": PASSWORD, "csrf_token": "forged"})
    assert r.status_code == 403 and "CSRF" in r.text
    c = logged_in(app, "viewer")
    assert c.post("/logout", data={}).status_code == 403
    token = csrf_of(c.get("/dashboard").text)
    foreign = c.post(
        "/logout", data={"csrf_token": token}, headers={"Origin": "http://evil.example"}
    )
    assert foreign.status_code == 403
    out = c.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.headers["location"] == "/login?msg=logged_out"
    assert c.get("/dashboard", follow_redirects=False).status_code == 303


@pytest.mark.parametrize(
    ("role", "path"), [("viewer", "/upload"), ("viewer", "/errors"), ("reviewer", "/admin/users")]
)
def test_pages_above_the_role_are_refused_plainly(app: FastAPI, role: str, path: str) -> None:
    r = logged_in(app, role).get(path)
    assert r.status_code == 403
    assert re.search(r'class="error"[^>]*>此操作需要(审核员或)?管理员', r.text)


def test_the_navigation_follows_the_role(app: FastAPI) -> None:
    viewer = logged_in(app, "viewer").get("/dashboard").text
    admin = logged_in(app, "admin").get("/dashboard").text
    assert 'href="/upload"' not in viewer and 'href="/admin/users"' not in viewer
    assert 'href="/upload"' in admin and 'href="/admin/users"' in admin


def test_a_public_portal_reads_without_login_but_writes_with_it(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = app_on_copy(corpus, tmp_path, public=True)
    c = client(app)
    assert c.get("/dashboard").status_code == 200 and "公开访问" in c.get("/reports/1").text
    assert "remove-report" not in c.get("/reports/1").text
    assert c.get("/upload", follow_redirects=False).headers["location"].startswith("/login")
    assert c.delete("/api/v1/reports/1").status_code == 401


# --- untrusted text ----------------------------------------------------------------------------

HOSTILE = (
    "<script>alert('x')</script>重庆市<b>南岸区</b>人民政府关于2023年度法治政府建设情况的报告\n"
    '一、主要举措和成效\n办理行政复议案件<img src=x onerror="alert(1)">120件。\n'
    "二、存在的不足\n问题</textarea><script>document.cookie</script>\n三、下一步工作打算\n继续努力。\n"
)


def _upload(app: FastAPI, token: str, name: str, data: bytes) -> int:
    c = client(app, token)
    r = c.post("/api/v1/reports", files=[("files", (name, data, "text/plain"))])
    result = r.json()["results"][0]
    assert result["ok"], result
    return result["report_id"]


def test_report_text_is_shown_as_text(app: FastAPI, tokens: dict[str, str]) -> None:
    rid = _upload(app, tokens["reviewer"], "<script>x</script>.txt", HOSTILE.encode())
    c = logged_in(app, "viewer")
    pages = [
        c.get(f"/reports/{rid}").text,
        c.get("/search?q=行政复议").text,
        c.get("/search?q=alert").text,
        c.get("/dashboard").text,
        c.get("/reports").text,
        c.get("/compare?indicator=disputes.reconsideration_cases").text,
    ]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "<script>document" not in html and "</textarea><script>" not in html
        assert "<b>南岸区</b>" not in html
    report = pages[0]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in report
    assert '&lt;img src=x onerror="alert(1)"&gt;' in report  # text, not an element
    scripts = re.findall(r"<script[^>]*>", "\n".join(pages))
    assert all(
        re.fullmatch(
            r'<script (src="/static/[^"]+"( defer)?|type="application/json" id="chart-data")>', s
        )
        for s in scripts
    ), scripts


def test_chart_data_cannot_close_its_script_element(app: FastAPI, tokens: dict[str, str]) -> None:
    text = HOSTILE.replace("<script>alert('x')</script>", "</script><script>alert(2)</script>")
    _upload(app, tokens["reviewer"], "a.txt", text.encode())
    html = logged_in(app, "viewer").get("/dashboard").text
    data = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html, re.S)
    assert data and "<" not in data.group(1)


# --- nothing from another host -----------------------------------------------------------------


def test_every_page_loads_only_from_this_server(app: FastAPI) -> None:
    c = logged_in(app, "admin")
    seen = 0
    for path in [*PAGES, "/login"]:
        html = c.get(path).text
        for tag, attr, url in urls_of(html):
            assert is_local(url), f"{path}: <{tag} {attr}={url!r}> points off this server"
            seen += 1
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", html)
    assert seen > 100
    for asset in ("/static/app.css", "/static/app.js", "/static/charts.js"):
        body = c.get(asset).text
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", body), asset


def test_the_vendored_scripts_are_served(app: FastAPI) -> None:
    c = client(app)
    for path in (
        "/static/vendor/echarts/echarts.common.min.js",
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
    ):
        r = c.get(path)
        assert r.status_code == 200 and len(r.content) > 100_000
    docs = c.get("/docs").text
    assert '"validatorUrl": null' in docs and "cdn" not in docs


# --- pages and their twins ---------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES[:-2])
def test_every_page_renders_and_links_its_twin(app: FastAPI, path: str) -> None:
    c = logged_in(app, "admin")
    r = c.get(path)
    assert r.status_code == 200, r.text[:500]
    twin = re.search(r'<a href="([^"]+)" class="twin">', r.text)
    if path == "/search":
        assert twin is None  # no query, no data
        return
    assert twin, path
    url = twin.group(1).replace("&amp;", "&")
    assert url.startswith("/api/v1/")
    answer = c.get(url)
    if path == "/compare?entity=区":  # the page offers a choice; the twin lists the candidates
        assert answer.status_code == 422 and "开州区" in answer.json()["detail"]
    else:
        assert answer.status_code == 200, url


def test_the_dashboard_shows_what_its_twin_says(app: FastAPI) -> None:
    c = logged_in(app, "viewer")
    html = c.get("/dashboard?year=2024").text
    data = c.get("/api/v1/dashboard?year=2024").json()
    assert re.search(rf'id="n-reports">{data["reports"]}<', html)
    assert re.search(rf'id="n-late">{data["late"]}<', html)
    ranked = re.findall(r'<tr><td class="num">(\d+)</td><td><a href="/reports/(\d+)"', html)
    assert [int(i) for _, i in ranked] == [r["report_id"] for r in data["ranking"]["items"]]


def test_unknown_pages_answer_404_in_plain_words(app: FastAPI) -> None:
    c = logged_in(app, "viewer")
    assert "报告 999 不存在" in c.get("/reports/999").text
    r = c.get("/no/such/page")
    assert r.status_code == 404 and "页面或资源不存在" in r.text


# --- language ----------------------------------------------------------------------------------


def test_english_is_one_click_away_and_remembered(app: FastAPI) -> None:
    c = logged_in(app, "viewer")
    zh = c.get("/dashboard").text
    assert "总览" in zh and 'lang="zh-CN"' in zh
    en = c.get("/dashboard?lang=en")
    assert "Dashboard" in en.text and "Published on time" in en.text and 'lang="en"' in en.text
    assert c.cookies.get("fazhi_lang") == "en"
    assert "Ranking of units" in c.get("/dashboard").text
    assert "总览" in c.get("/dashboard?lang=zh").text


# --- the report page ---------------------------------------------------------------------------


def test_the_report_page_marks_facts_evidence_and_outline(app: FastAPI) -> None:
    c = logged_in(app, "viewer")
    rid = 4
    html = c.get(f"/reports/{rid}").text
    data = c.get(f"/api/v1/reports/{rid}").json()["analysis"]
    facts = re.findall(
        r'<span class="[^"]*fact[^"]*" data-value="([^"]+)" data-unit="([^"]*)"', html
    )
    assert (
        len({(v, u) for v, u in facts})
        >= len({(f"{f['value']:g}", f["unit"]) for f in data["facts"]}) * 0.9
    )
    for i, check in enumerate(data["checks"]):
        if check["evidence"]:
            assert f'data-ev-link="c{i}"' in html and f'id="ev-c{i}"' in html
            assert re.search(rf'data-ev="[^"]*\bc{i}\b', html)
    for i in range(len(data["headings"])):
        assert f'href="#h{i}"' in html and f'id="h{i}"' in html
    assert 'class="anchor" id="hit"' not in html
    assert 'class="anchor" id="hit"' in c.get(f"/reports/{rid}?hl=100-120").text
    assert c.get(f"/reports/{rid}?hl=abc").status_code == 422
    link = re.search(r'<a href="([^"]+)" id="review-docx"', html)
    assert link and c.get(link.group(1).replace("&amp;", "&")).content[:2] == b"PK"


def test_the_report_page_shows_copied_passages(app: FastAPI) -> None:
    c = logged_in(app, "viewer")
    assert "尚未对语料库运行雷同检测" in c.get("/reports/1").text  # seen (and kept) before
    with app.state.ctx.engine.begin() as conn:
        conn.execute(
            insert(copy_pairs).values(
                a_report=1, b_report=3, a_start=300, a_end=420, b_start=500, b_end=610,
                similarity=0.93, relation="same_year",
            )
        )  # fmt: skip
        conn.execute(
            insert(copy_shares).values(report_id=1, share=0.12, computed_at=datetime(2026, 1, 1))
        )
    html = c.get("/reports/1").text
    assert 'id="p0"' in html and 'data-copy="p0"' in html and "12%" in html
    assert 'href="/reports/3?hl=500-610#hit"' in html and "同年度其他单位报告" in html
    other = c.get("/reports/3").text
    assert 'href="/reports/1?hl=300-420#hit"' in other
    copies = c.get("/api/v1/reports/1").json()["copies"]
    assert copies[0]["other_id"] == 3 and copies[0]["relation"] == "same_year"


# --- forms -------------------------------------------------------------------------------------


def test_the_upload_form_works_without_script(app: FastAPI) -> None:
    c = logged_in(app, "reviewer")
    token = csrf_of(c.get("/upload").text)
    files = [
        ("files", ("新报告.txt", (SEED_TEXT + "\n补充").encode(), "text/plain")),
        ("files", ("图.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "image/png")),
    ]
    r = c.post("/upload", data={"csrf_token": token}, files=files)
    assert r.status_code == 200
    assert re.search(r'<tr class="st-added"><td>新报告.txt</td>', r.text)
    assert re.search(
        r'<tr class="st-failed"><td>图.png</td><td>未能入库</td><td>[^<]*图.png', r.text
    )
    forged = c.post("/upload", data={"csrf_token": "nope"}, files=files[:1])
    assert forged.status_code == 403
    assert list((Path(app.state.ctx.settings.data_dir) / "tmp").iterdir()) == []


def test_removing_a_report_from_its_page(app: FastAPI) -> None:
    c = logged_in(app, "reviewer")
    token = csrf_of(c.get("/reports/5").text)
    r = c.post("/reports/5/remove", data={"csrf_token": token}, follow_redirects=False)
    assert r.headers["location"] == "/reports?msg=rp.removed&id=5"
    assert "报告 5 已删除" in c.get(r.headers["location"]).text
    assert c.get("/reports/5").status_code == 404
    viewer = logged_in(app, "viewer")
    assert (
        viewer.post(
            "/reports/4/remove", data={"csrf_token": csrf_of(viewer.get("/reports/4").text)}
        ).status_code
        == 403
    )


def test_admins_manage_users_and_tokens_on_the_page(app: FastAPI) -> None:
    c = logged_in(app, "admin")
    token = csrf_of(c.get("/admin/users").text)
    added = c.post(
        "/admin/users",
        data={
            "csrf_token": token,
            "username": "王五",
            "password": "long-enough-2",
            "role": "reviewer",
        },
    )
    assert "已添加用户 王五" in added.text
    short = c.post(
        "/admin/users",
        data={"csrf_token": token, "username": "x", "password": "short", "role": "viewer"},
    )
    assert short.status_code == 422 and "密码太短" in short.text
    uid = int(
        re.search(r'<tr data-user="王五">.*?action="/admin/users/(\d+)"', added.text, re.S).group(1)
    )
    made = c.post(f"/admin/users/{uid}/tokens", data={"csrf_token": token, "name": "系统"})
    secret = re.search(r'<code id="new-token">(fzt_[^<]+)</code>', made.text).group(1)
    assert client(app, secret).get("/api/v1/me").json()["user"]["username"] == "王五"
    assert secret not in c.get("/admin/users").text
    c.post(
        f"/admin/users/{uid}", data={"csrf_token": token, "role": "viewer"}
    )  # no "active": disabled
    assert client(app, secret).get("/api/v1/me").status_code == 401
    assert c.post("/admin/users/999", data={"csrf_token": token}).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard?year=&level=&region=&parent=",
        "/reports?entity=&level=&year=",
        "/search?q=复议&entity=&level=&year=&part=&indicator=&order=relevance",
        "/compare?indicator=disputes.reconsideration_cases&year=&level=&region=",
        "/api/v1/search?q=复议&year=&part=",
    ],
)
def test_empty_form_fields_mean_no_filter(app: FastAPI, path: str) -> None:
    """A filter form sends every field, the unset ones empty."""
    assert logged_in(app, "viewer").get(path).status_code == 200


@pytest.mark.parametrize("secure", [False, True])
def test_the_session_cookie_is_http_only_and_secure_over_https(
    corpus, tmp_path: Path, secure: bool
) -> None:  # type: ignore[no-untyped-def]
    app = app_on_copy(corpus, tmp_path, secure_cookies=secure)
    cookie = client(app).get("/login").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert ("secure" in cookie.replace("samesite", "")) is secure


def test_last_years_plans_are_checked_against_the_report(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    earlier = SEED_TEXT.replace("2024", "\0").replace("2025", "2024").replace("\0", "2023")
    plan_id = _upload(app, tokens["reviewer"], "南岸区2023.txt", earlier.encode())
    c = logged_in(app, "viewer")
    body = c.get("/api/v1/reports/1/promises").json()
    assert body["plan_report"] == plan_id and body["plan_year"] == 2023 and body["items"]
    plan_text = c.get(f"/api/v1/reports/{plan_id}").json()["analysis"]["text"]
    text = c.get("/api/v1/reports/1").json()["analysis"]["text"]
    for item in body["items"]:
        assert plan_text[item["start"] : item["end"]] == item["text"]
        assert item["status"] in ("taken_up", "not_mentioned")
        if item["evidence"]:
            ev = item["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["text"]
            assert item["evidence_url"] == f"/reports/1?hl={ev['start']}-{ev['end']}#hit"
    taken = sum(i["status"] == "taken_up" for i in body["items"])
    assert body["share_taken_up"] == pytest.approx(taken / len(body["items"]))
    assert c.get(f"/api/v1/reports/{plan_id}/promises").json()["plan_report"] is None
    page = c.get("/reports/1").text
    assert 'data-fragment="/reports/1/promises?fragment=1"' in page
    section = c.get("/reports/1/promises?fragment=1")
    assert section.status_code == 200 and "<html" not in section.text
    assert section.text.count('<li class="promise ') == len(body["items"])
    assert "兑现比例" in c.get("/reports/1/promises").text
    assert "data-fragment" not in c.get("/reports/2").text  # 开州区 has no report of 2021
    assert c.get("/api/v1/reports/999/promises").status_code == 404
