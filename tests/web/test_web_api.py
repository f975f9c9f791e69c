"""The REST API, endpoint by endpoint: what it answers, and how it refuses (401 without
credentials, 403 for a role too low, 404 for unknown ids, 413/415/422 for bad input), always
with a plain message."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from fastapi import FastAPI

from helpers import SEEDS
from web.web_helpers import client, csrf_of, logged_in

SEED = sorted(SEEDS.glob("*.txt"))[0]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def files(*items: tuple[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in items]


def assert_refusal(r, status: int, code: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    body = r.json()
    assert isinstance(body["detail"], str) and body["detail"], body
    if code:
        assert body["code"] == code, body
    return body


# --- service, identity ---------------------------------------------------------------------------


def test_health_needs_no_credentials(app: FastAPI) -> None:
    r = client(app).get("/api/v1/health")
    assert r.json()["status"] == "ok"


def test_me_names_the_user_and_role(app: FastAPI, tokens: dict[str, str]) -> None:
    body = client(app, tokens["reviewer"]).get("/api/v1/me").json()
    assert body["user"]["username"] == "reviewer" and body["role"] == "reviewer"
    assert body["via"] == "token"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/me", "/api/v1/dashboard", "/api/v1/reports", "/api/v1/reports/1",
     "/api/v1/search?q=复议", "/api/v1/compare?indicator=disputes.litigation_cases",
     "/api/v1/indicators", "/api/v1/errors", "/api/v1/users", "/api/v1/reports/1/promises",
     "/api/v1/compare/export?indicator=disputes.litigation_cases", "/api/v1/rules",
     "/api/v1/users/1/tokens", "/api/v1/reports/1/review"],
)  # fmt: skip
def test_reading_without_credentials_is_401(app: FastAPI, path: str) -> None:
    r = client(app).get(path)
    body = assert_refusal(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"
    assert "登录" in body["detail"] or "令牌" in body["detail"]


WRITES = [
    ("post", "/api/v1/reports", "reviewer"),
    ("post", "/api/v1/analyze", "reviewer"),
    ("delete", "/api/v1/reports/1", "reviewer"),
    ("post", "/api/v1/users", "admin"),
    ("patch", "/api/v1/users/1", "admin"),
    ("post", "/api/v1/users/1/tokens", "admin"),
    ("delete", "/api/v1/tokens/1", "admin"),
]


@pytest.mark.parametrize(("method", "path", "role"), WRITES)
def test_writing_needs_credentials_and_the_role(
    app: FastAPI, tokens: dict[str, str], method: str, path: str, role: str
) -> None:
    anonymous = getattr(client(app), method)(path)
    assert_refusal(anonymous, 401, "err.need_viewer")
    lower = "viewer" if role == "reviewer" else "reviewer"
    refused = getattr(client(app, tokens[lower]), method)(path)
    assert_refusal(refused, 403, f"err.need_{role}")


def test_a_bad_token_is_401_even_on_a_public_portal(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from web.web_helpers import app_on_copy

    app = app_on_copy(corpus, tmp_path, public=True)
    assert client(app).get("/api/v1/reports").status_code == 200
    r = client(app, "fzt_not-a-real-token").get("/api/v1/reports")
    assert_refusal(r, 401, "err.bad_token")


def test_messages_follow_the_language(app: FastAPI) -> None:
    r = client(app).get("/api/v1/reports?lang=en")
    assert r.status_code == 401 and r.json()["detail"] == "Please log in."


# --- dashboard ---------------------------------------------------------------------------------


def test_dashboard_counts_the_corpus(app: FastAPI, tokens: dict[str, str]) -> None:
    body = client(app, tokens["viewer"]).get("/api/v1/dashboard").json()
    assert body["reports"] == 5 and body["units"] == 5
    assert body["on_time"] + body["late"] + body["timeliness_unknown"] == 5
    assert sum(body["histogram"]) == body["scored"] == 5
    assert {m["rule"] for m in body["missing_parts"]} >= {"content.achievements"}
    assert body["ranking"]["total"] == 5 and len(body["ranking"]["items"]) == 5
    scores = [r["score"] for r in body["ranking"]["items"]]
    assert scores == sorted(scores, reverse=True)
    assert body["indicators"] and all(i["reports"] >= 1 for i in body["indicators"])
    assert 2022 in body["options"]["years"] and "重庆市" in body["options"]["regions"]


def test_dashboard_filters_and_pages(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["viewer"])
    assert c.get("/api/v1/dashboard?year=2022").json()["reports"] == 1
    assert c.get("/api/v1/dashboard?level=department").json()["reports"] == 2
    assert c.get("/api/v1/dashboard?region=四川省").json()["reports"] == 1
    by_parent = c.get("/api/v1/dashboard?parent=重庆市南岸区").json()
    assert [r["entity"] for r in by_parent["ranking"]["items"]] == ["重庆市南岸区城市管理局"]
    page = c.get("/api/v1/dashboard?page=2&size=2").json()["ranking"]
    assert page["page"] == 2 and page["pages"] == 3 and len(page["items"]) == 2
    assert page["items"][0]["rank"] == 3


@pytest.mark.parametrize(
    "query", ["year=abc", "year=1800", "page=0", "size=0", "size=201", "page=x"]
)
def test_dashboard_refuses_bad_parameters(app: FastAPI, tokens: dict[str, str], query: str) -> None:
    r = client(app, tokens["viewer"]).get(f"/api/v1/dashboard?{query}")
    body = assert_refusal(r, 422, "err.invalid")
    assert body["detail"].startswith("请求参数有误") and body["errors"]


# --- reports: list, show, remove, errors --------------------------------------------------------


def test_list_pages_with_totals(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["viewer"])
    body = c.get("/api/v1/reports?size=2&page=3").json()
    assert body["total"] == 5 and body["pages"] == 3 and len(body["items"]) == 1
    item = c.get("/api/v1/reports?entity=开州").json()["items"][0]
    assert item["year"] == 2022 and item["url"] == f"/reports/{item['id']}"
    assert "/" not in item["file_name"] and item["file_name"].endswith(".txt")


def test_list_refuses_an_unknown_level(app: FastAPI, tokens: dict[str, str]) -> None:
    r = client(app, tokens["viewer"]).get("/api/v1/reports?level=planet")
    assert "planet" in assert_refusal(r, 422)["detail"]


def test_show_gives_the_analysis(app: FastAPI, tokens: dict[str, str]) -> None:
    body = client(app, tokens["viewer"]).get("/api/v1/reports/1").json()
    a = body["analysis"]
    assert a["schema"] == "fazhi.analysis/1" and a["facts"] and a["checks"]
    for f in a["facts"]:
        assert a["text"][f["start"] : f["end"]] == f["text"]
    assert body["report"]["id"] == 1 and body["versions"][0]["id"] == 1
    assert body["copies"] is None  # copy detection has not run on this corpus


def test_review_is_a_word_document_of_the_verdicts(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["viewer"])
    checks = c.get("/api/v1/reports/1").json()["analysis"]["checks"]
    r = c.get("/api/v1/reports/1/review?lang=en")
    assert r.status_code == 200 and r.headers["content-type"].endswith("wordprocessingml.document")
    assert "attachment" in r.headers["content-disposition"]
    d = docx.Document(io.BytesIO(r.content))
    assert d.paragraphs[0].text.startswith("Review of the ")
    assert len(d.tables[2].rows) == 1 + len(checks)


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/reports/999", 404), ("/api/v1/reports/x", 422), ("/api/v1/reports/999/review", 404)],
)
def test_show_refuses_unknown_ids(
    app: FastAPI, tokens: dict[str, str], path: str, status: int
) -> None:
    r = client(app, tokens["viewer"]).get(path)
    body = assert_refusal(r, status)
    if status == 404:
        assert "999" in body["detail"] and body["code"] == "err.report_not_found"


def test_remove_by_role(app: FastAPI, tokens: dict[str, str]) -> None:
    assert_refusal(
        client(app, tokens["viewer"]).delete("/api/v1/reports/2"), 403, "err.need_reviewer"
    )
    assert_refusal(client(app).delete("/api/v1/reports/2"), 401)
    c = client(app, tokens["reviewer"])
    assert c.delete("/api/v1/reports/2").json() == {"removed": 2, "promoted": None}
    assert c.get("/api/v1/reports/2").status_code == 404
    assert_refusal(c.delete("/api/v1/reports/2"), 404)
    assert client(app, tokens["viewer"]).get("/api/v1/dashboard").json()["reports"] == 4


def test_a_session_needs_the_csrf_header_to_write(app: FastAPI) -> None:
    c = logged_in(app, "reviewer")
    assert_refusal(c.delete("/api/v1/reports/3"), 403, "err.csrf")
    token = csrf_of(c.get("/dashboard").text)
    other_site = {"X-CSRF-Token": token, "Origin": "http://evil.example"}
    assert_refusal(c.delete("/api/v1/reports/3", headers=other_site), 403, "err.csrf")
    r = c.delete(
        "/api/v1/reports/3", headers={"X-CSRF-Token": token, "Origin": "http://testserver"}
    )
    assert r.status_code == 200


# --- ingest ------------------------------------------------------------------------------------


def test_ingest_stores_new_files_and_recognises_known_ones(
    app: FastAPI, tokens: dict[str, str]
) -> None:
    c = client(app, tokens["reviewer"])
    text = SEED.read_text(encoding="utf-8").replace("2024", "2023")
    r = c.post("/api/v1/reports", files=files(("南岸区2023.txt", text.encode())))
    assert r.status_code == 201, r.text
    (result,) = r.json()["results"]
    assert result["status"] == "added" and result["name"] == "南岸区2023.txt"
    assert c.get(result["url"].replace("/reports", "/api/v1/reports")).status_code == 200
    again = c.post("/api/v1/reports", files=files(("copy.txt", text.encode())))
    assert again.status_code == 200 and again.json()["results"][0]["status"] == "unchanged"
    assert again.json()["results"][0]["report_id"] == result["report_id"]


def test_ingest_says_why_a_file_was_not_stored(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["reviewer"])
    r = c.post("/api/v1/reports", files=files(("扫描件.txt", PNG), ("空.txt", b"")))
    body = r.json()
    scan, empty = body["results"]
    assert scan["status"] == "failed" and "扫描件.txt" in scan["message"]
    assert "/tmp" not in scan["message"] and "uploads" not in scan["message"]
    assert empty["status"] == "refused" and empty["code"] == "empty"
    assert body["stored"] == 0 and body["not_stored"] == 2
    errors = c.get("/api/v1/errors").json()
    assert errors["total"] == 1 and errors["items"][0]["file_name"] == "扫描件.txt"


def test_ingest_refusals(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["reviewer"])
    assert_refusal(c.post("/api/v1/reports", json={"files": []}), 415, "upload.not_multipart")
    assert_refusal(c.post("/api/v1/reports", data={"x": "1"}, files=[]), 415)
    empty_form = c.post("/api/v1/reports", files={"other": (None, "1")})
    assert_refusal(empty_form, 422, "upload.no_files")
    broken = c.post(
        "/api/v1/reports",
        content=b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n',
        headers={"Content-Type": "multipart/form-data; boundary=abc"},
    )
    assert broken.status_code in (400, 422)
    assert_refusal(
        client(app, tokens["viewer"]).post("/api/v1/reports", files=files(("a.txt", b"x"))), 403
    )


def test_ingest_size_limits(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from web.web_helpers import app_on_copy

    app = app_on_copy(corpus, tmp_path, max_upload_mb=0.01, max_request_mb=0.05)
    c = client(app, corpus.tokens["reviewer"])
    big = b"x" * 20_000
    body = assert_refusal(c.post("/api/v1/reports", files=files(("大文件.txt", big))), 413)
    assert "大文件.txt" in body["detail"] and "MB" in body["detail"]
    huge = assert_refusal(c.post("/api/v1/reports", files=files(("a.txt", b"y" * 60_000))), 413)
    assert huge["code"] == "upload.request_too_large"
    mixed = c.post("/api/v1/reports", files=files(("big.txt", big), ("small.txt", b"short")))
    big_result, small_result = mixed.json()["results"]
    assert big_result["code"] == "too_large" and small_result["code"] != "too_large"
    assert list((tmp_path / "data" / "tmp").iterdir()) == []


# --- analyze -----------------------------------------------------------------------------------


def test_analyze_does_not_store(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["reviewer"])
    text = SEED.read_text(encoding="utf-8").replace("南岸区", "北岸区")
    r = c.post("/api/v1/analyze", files=files(("draft.txt", text.encode())))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["source"]["path"] == "draft.txt" and body["facts"] and body["score"]
    assert c.get("/api/v1/reports").json()["total"] == 5


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ([("scan.png", PNG)], 415, "ingest.image"),
        ([("empty.txt", b"")], 422, "ingest.empty"),
        ([("a.txt", b"a"), ("b.txt", b"b")], 422, "upload.one_file"),
        ([], 415, "upload.not_multipart"),
    ],
)
def test_analyze_refusals(
    app: FastAPI, tokens: dict[str, str], payload: list, status: int, code: str
) -> None:
    c = client(app, tokens["reviewer"])
    r = c.post("/api/v1/analyze", files=files(*payload)) if payload else c.post("/api/v1/analyze")
    assert_refusal(r, status, code)


def test_analyze_size_limit_and_role(corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from web.web_helpers import app_on_copy

    app = app_on_copy(corpus, tmp_path, max_upload_mb=0.001)
    r = client(app, corpus.tokens["reviewer"]).post(
        "/api/v1/analyze", files=files(("a.txt", b"z" * 5000))
    )
    assert_refusal(r, 413, "upload.too_large")
    viewer = client(app, corpus.tokens["viewer"]).post(
        "/api/v1/analyze", files=files(("a.txt", b"z"))
    )
    assert_refusal(viewer, 403, "err.need_reviewer")


# --- search ------------------------------------------------------------------------------------


def test_search_marks_matches_and_links_into_reports(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["viewer"])
    body = c.get("/api/v1/search?q=行政复议&size=3").json()
    assert body["terms"] == ["行政复议"] and len(body["items"]) == 3 and body["has_more"]
    for hit in body["items"]:
        s, e = hit["snippet"]["marks"][0]
        assert hit["snippet"]["text"][s:e] == "行政复议"
        assert (
            hit["url"] == f"/reports/{hit['report_id']}?hl={hit['offset']}-{hit['offset'] + 4}#hit"
        )
    text = c.get(f"/api/v1/reports/{body['items'][0]['report_id']}").json()["analysis"]["text"]
    first = body["items"][0]
    assert text[first["offset"] : first["offset"] + 4] == "行政复议"
    second = c.get("/api/v1/search?q=行政复议&size=3&page=2").json()["items"]
    assert {(h["report_id"], h["offset"]) for h in second}.isdisjoint(
        {(h["report_id"], h["offset"]) for h in body["items"]}
    )


def test_search_filters(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["viewer"])
    found = c.get("/api/v1/search?q=复议&year=2022").json()["items"]
    assert found and {h["year"] for h in found} == {2022}
    part = c.get("/api/v1/search?q=不足&part=shortcomings").json()["items"]
    assert part and {h["part"] for h in part} == {"shortcomings"}


@pytest.mark.parametrize(
    "query", ["", "q=", "q=复议&part=middle", "q=复议&indicator=no.such", "q=复议&order=random"]
)
def test_search_refusals(app: FastAPI, tokens: dict[str, str], query: str) -> None:
    assert_refusal(client(app, tokens["viewer"]).get(f"/api/v1/search?{query}"), 422)


# --- compare -----------------------------------------------------------------------------------


def test_compare_one_indicator_across_units(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["viewer"])
    body = c.get("/api/v1/compare?indicator=disputes.reconsideration_cases").json()
    values = [i["value"] for i in body["items"]]
    assert body["mode"] == "indicator" and values == sorted(values, reverse=True)
    assert body["stats"]["n"] == body["total"] == len(values) >= 2
    assert all(i["sentence"] and i["url"].endswith("#hit") for i in body["items"])
    year = body["items"][-1]["year"]
    one_year = c.get(f"/api/v1/compare?indicator=disputes.reconsideration_cases&year={year}").json()
    assert {i["year"] for i in one_year["items"]} == {year}
    sichuan = c.get("/api/v1/compare?indicator=disputes.reconsideration_cases&region=四川省").json()
    assert {i["region"] for i in sichuan["items"]} <= {"四川省"}


def test_compare_one_unit_across_years(app: FastAPI, tokens: dict[str, str]) -> None:
    body = client(app, tokens["viewer"]).get("/api/v1/compare?entity=开州区").json()
    assert body["mode"] == "unit" and body["entity"] == "开州区" and body["years"] == [2022]
    assert body["rows"] and all(len(r["cells"]) == 1 for r in body["rows"])


@pytest.mark.parametrize(
    "query",
    ["indicator=no.such", "entity=火星区", "", "indicator=disputes.reconsideration_cases&level=x"],
)
def test_compare_refusals(app: FastAPI, tokens: dict[str, str], query: str) -> None:
    assert_refusal(client(app, tokens["viewer"]).get(f"/api/v1/compare?{query}"), 422)


def test_compare_exports_csv_and_xlsx(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["viewer"])
    q = "indicator=disputes.reconsideration_cases"
    csv = c.get(f"/api/v1/compare/export?{q}&format=csv")
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("排名,报告主体") and len(lines) >= 3
    xlsx = c.get(f"/api/v1/compare/export?{q}&format=xlsx&lang=en")
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.cell(1, 1).value == "rank" and ws.max_row == len(lines)
    assert_refusal(c.get(f"/api/v1/compare/export?{q}&format=pdf"), 422)


def test_rules_list_the_rules_and_the_rubric(app: FastAPI, tokens: dict[str, str]) -> None:
    body = client(app, tokens["viewer"]).get("/api/v1/rules?lang=en").json()
    ids = {r["id"] for r in body["rules"]}
    assert {"content.achievements", "timeliness.published_by_april"} <= ids
    assert sum(p["weight"] for p in body["rubric"]["parts"]) == 100
    scored = {i["rule"] for p in body["rubric"]["parts"] for i in p["items"]}
    assert scored <= ids
    assert client(app).get("/api/v1/rules").status_code == 401


def test_indicators_list_the_taxonomy(app: FastAPI, tokens: dict[str, str]) -> None:
    body = client(app, tokens["viewer"]).get("/api/v1/indicators").json()
    ids = {i["id"] for i in body["items"]}
    assert "disputes.reconsideration_cases" in ids and "disputes" in body["areas"]


# --- accounts ----------------------------------------------------------------------------------


def test_users_are_managed_by_admins_only(app: FastAPI, tokens: dict[str, str]) -> None:
    assert_refusal(client(app, tokens["reviewer"]).get("/api/v1/users"), 403, "err.need_admin")
    c = client(app, tokens["admin"])
    assert c.get("/api/v1/users").json()["total"] == 3
    r = c.post(
        "/api/v1/users", json={"username": "李四", "password": "long-enough-1", "role": "viewer"}
    )
    assert r.status_code == 201 and r.json()["username"] == "李四"
    uid = r.json()["id"]
    assert c.patch(f"/api/v1/users/{uid}", json={"role": "reviewer"}).json()["role"] == "reviewer"
    assert c.get("/api/v1/users?size=2&page=2").json()["items"][0]["username"] in {
        "viewer",
        "李四",
        "reviewer",
    }


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ('{"username": "x", "password": ', "err.bad_json"),
        ('{"username": "x"}', "err.invalid"),
        ('{"username": "x", "password": "p", "role": "king"}', "err.invalid"),
        ("[1, 2]", "err.invalid"),
    ],
)
def test_malformed_json_is_422(app: FastAPI, tokens: dict[str, str], body: str, code: str) -> None:
    c = client(app, tokens["admin"])
    r = c.post("/api/v1/users", content=body, headers={"Content-Type": "application/json"})
    assert_refusal(r, 422, code)


def test_account_rules_are_plain_422s(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["admin"])
    short = c.post("/api/v1/users", json={"username": "a", "password": "short"})
    assert "8" in assert_refusal(short, 422, "account")["detail"]
    taken = c.post("/api/v1/users", json={"username": "viewer", "password": "long-enough-1"})
    assert "已存在" in assert_refusal(taken, 422)["detail"]
    admin_id = c.get("/api/v1/me").json()["user"]["id"]
    last = c.patch(f"/api/v1/users/{admin_id}", json={"active": False})
    assert "管理员" in assert_refusal(last, 422)["detail"]
    assert_refusal(c.patch("/api/v1/users/999", json={"role": "viewer"}), 404, "err.user_not_found")


def test_tokens_are_shown_once_and_can_be_revoked(app: FastAPI, tokens: dict[str, str]) -> None:
    c = client(app, tokens["admin"])
    viewer_id = next(
        u["id"] for u in c.get("/api/v1/users").json()["items"] if u["username"] == "viewer"
    )
    made = c.post(f"/api/v1/users/{viewer_id}/tokens", json={"name": "报表系统"})
    assert made.status_code == 201
    secret = made.json()["token"]
    listed = c.get(f"/api/v1/users/{viewer_id}/tokens").json()["items"]
    assert [t["name"] for t in listed] == ["tests", "报表系统"]
    assert secret not in json.dumps(listed)
    assert client(app, secret).get("/api/v1/me").json()["user"]["username"] == "viewer"
    assert c.delete(f"/api/v1/tokens/{made.json()['id']}").json() == {"revoked": made.json()["id"]}
    assert client(app, secret).get("/api/v1/me").status_code == 401
    assert_refusal(c.delete(f"/api/v1/tokens/{made.json()['id']}"), 404)
    assert_refusal(c.get("/api/v1/users/999/tokens"), 404)
    assert_refusal(c.post("/api/v1/users/999/tokens", json={}), 404)


def test_disabling_a_user_ends_their_access(app: FastAPI, tokens: dict[str, str]) -> None:
    session = logged_in(app, "viewer")
    assert session.get("/api/v1/me").json()["via"] == "session"
    admin = client(app, tokens["admin"])
    uid = next(
        u["id"] for u in admin.get("/api/v1/users").json()["items"] if u["username"] == "viewer"
    )
    admin.patch(f"/api/v1/users/{uid}", json={"active": False})
    assert session.get("/api/v1/me").status_code == 401
    assert client(app, tokens["viewer"]).get("/api/v1/reports").status_code == 401


# --- the contract ------------------------------------------------------------------------------


def test_openapi_names_operations_as_the_cli_does(app: FastAPI) -> None:
    spec = client(app).get("/api/v1/openapi.json").json()
    ops = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"ingest", "list", "show", "remove", "search", "compare", "analyze"} <= ops
    assert (
        "multipart/form-data" in spec["paths"]["/api/v1/reports"]["post"]["requestBody"]["content"]
    )
    params = {p["name"] for p in spec["paths"]["/api/v1/dashboard"]["get"]["parameters"]}
    assert {"year", "level", "region", "parent", "page", "size"} <= params


def test_uploaded_zip_members_are_each_ingested(app: FastAPI, tokens: dict[str, str]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))[:2]):
            zf.writestr(f"报告/{i}.txt", seed.read_text(encoding="utf-8") + f"\n附件{i}")
        zf.writestr("notes/readme.txt", b"")
    r = client(app, tokens["reviewer"]).post(
        "/api/v1/reports", files=files(("batch.zip", buf.getvalue()))
    )
    results = r.json()["results"]
    assert [x["name"] for x in results] == [
        "batch.zip › 报告/0.txt", "batch.zip › 报告/1.txt", "batch.zip › notes/readme.txt"
    ]  # fmt: skip
    assert [x["status"] for x in results] == ["added", "added", "refused"]
