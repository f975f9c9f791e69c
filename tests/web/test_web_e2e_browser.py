"""End to end in a real browser (Debian's chromium driven by Playwright): a clerk uploads the
sample reports, reads the dashboard, follows a failed check to its evidence, searches, exports a
compare table, logs in and out, and is refused a page above their role. Each page's screenshot
is saved to artifacts/screenshots/.

The server is ``fazhi serve`` itself, in a subprocess on a free loopback port, over a fresh
corpus. Chromium comes from Debian (never downloaded by Playwright); when it is missing the set-up
installs it with apt-get, and if that fails every test here is skipped with the reason.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import httpx
import openpyxl
import pytest

from fazhi.store.service import open_corpus
from fazhi.web.accounts import add_user, create_token, migrate_accounts
from helpers import ROOT, SEEDS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "browser-pass-1"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_problem() -> str | None:
    """Why no browser can run, or None. Installs Debian's chromium (and a CJK font, so the
    screenshots are legible) when it is missing and apt-get can."""
    if not CHROMIUM.exists():
        if shutil.which("apt-get") is None:
            return f"{CHROMIUM} is missing and apt-get is not available to install chromium"
        try:
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "chromium"],
                check=True,
                capture_output=True,
                timeout=900,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            return f"{CHROMIUM} is missing and `apt-get install chromium` failed: {exc}"
        if not CHROMIUM.exists():
            return f"`apt-get install chromium` ran but {CHROMIUM} is still missing"
    if (
        shutil.which("fc-list")
        and b"WenQuanYi" not in subprocess.run(["fc-list"], capture_output=True).stdout
    ):
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "fonts-wqy-microhei"],
            capture_output=True,
            timeout=600,
            check=False,
        )  # legible screenshots only; the tests pass without it
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"the playwright package is not installed ({exc})"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: str, tokens: dict[str, str], banner: str) -> None:
        self.base = base
        self.tokens = tokens
        self.banner = banner

    def api(self, role: str) -> httpx.Client:
        return httpx.Client(
            base_url=self.base, headers={"Authorization": f"Bearer {self.tokens[role]}"}
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    problem = chromium_problem()
    if problem:
        pytest.skip(problem)
    folder = tmp_path_factory.mktemp("e2e")
    db = f"sqlite:///{folder / 'corpus.db'}"
    engine = open_corpus(db)
    migrate_accounts(engine)
    tokens = {}
    for role in ("viewer", "reviewer", "admin"):
        tokens[role] = create_token(engine, add_user(engine, role, PASSWORD, role).id)[1]
    engine.dispose()
    port = free_port()
    fazhi = Path(sys.executable).parent / "fazhi"
    cmd = [str(fazhi), "serve", "--db", db, "--data-dir", str(folder / "data"), "--port", str(port)]
    proc = subprocess.Popen(
        [*cmd, "--no-access-log"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    banner = proc.stderr.readline() if proc.stderr else ""
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, proc)
        yield Server(base, tokens, banner)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_until_up(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"fazhi serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError("fazhi serve did not answer within 30 s")


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server: Server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser context; every request it makes is checked to stay on the server."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    host = urlparse(server.base).netloc
    foreign: list[str] = []
    pg.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc != host else None)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"script errors: {errors}"


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def login(pg, server: Server, role: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    pg.goto(f"{server.base}/login")
    pg.fill("#username", role)
    pg.fill("#password", password)
    with pg.expect_navigation():
        pg.click("#login-submit")


@pytest.fixture
def samples(server: Server) -> dict[str, int]:
    """The sample reports in the corpus (uploaded by the API if the upload test has not run
    first; the store recognises them by content either way): file name → report id."""
    with server.api("reviewer") as api:
        found = {}
        for seed in sorted(SEEDS.glob("*.txt")):
            r = api.post("/api/v1/reports", files=[("files", (seed.name, seed.read_bytes()))])
            found[seed.name] = r.json()["results"][0]["report_id"]
    return found


# --- the tests ---------------------------------------------------------------------------------


def test_serve_prints_the_address_to_open(server: Server) -> None:
    assert f"请在浏览器中打开 {server.base}/" in server.banner


def test_upload_the_samples_with_progress(page, server: Server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    login(page, server, "reviewer")
    page.goto(f"{server.base}/upload")
    shot(page, "upload-empty")
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    seeds = sorted(SEEDS.glob("*.txt"))
    page.set_input_files("#files", [str(p) for p in seeds] + [str(scan)])
    page.wait_for_function(
        "document.getElementById('upload-summary').textContent.includes('共 6 个文件')",
        timeout=60_000,
    )
    assert page.text_content("#upload-summary") == "共 6 个文件：入库 5 个，未入库 1 个。"
    rows = page.locator("#upload-table tbody tr")
    assert rows.count() == 6
    assert page.locator("#upload-table tr.st-added, #upload-table tr.st-unchanged").count() == 5
    failed = page.locator("#upload-table tr.st-failed")
    assert "扫描件.pdf" in failed.inner_text()
    shot(page, "upload-done")
    page.locator("#upload-table tr.st-added a, #upload-table tr.st-unchanged a").first.click()
    page.wait_for_selector("#report-text")


def test_the_dashboard_and_its_filters(page, server: Server, samples: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    login(page, server, "viewer")
    page.wait_for_url("**/dashboard")
    page.wait_for_selector("#chart-histogram[data-rendered]")
    page.wait_for_selector("#chart-ranking[data-rendered]")
    with server.api("viewer") as api:
        total = api.get("/api/v1/dashboard").json()["reports"]  # 5, or 6 after the plans test
    assert total >= 5 and page.text_content("#n-reports") == str(total)
    assert page.locator("#ranking tbody tr").count() == 5  # units: the 2023 variant is 南岸区's
    assert page.locator("#missing-parts tbody tr").count() == 5
    assert page.locator("#indicator-totals tbody tr").count() > 10
    shot(page, "dashboard")
    page.select_option("#dashboard-filters select[name=year]", "2022")
    page.click("#dashboard-filters button[type=submit]")
    page.wait_for_url("**year=2022**")
    assert page.text_content("#n-reports") == "1"


def test_a_failed_check_leads_to_its_evidence(
    page, server: Server, samples: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    with server.api("viewer") as api:
        rid, key = next(
            (rid, f"c{i}")
            for rid in sorted(samples.values())
            for i, c in enumerate(api.get(f"/api/v1/reports/{rid}").json()["analysis"]["checks"])
            if c["verdict"] == "fail" and c["evidence"]
        )
    login(page, server, "viewer")
    page.goto(f"{server.base}/reports/{rid}")
    assert page.locator("#report-text .ev.active").count() == 0
    link = page.locator(f'[data-ev-link="{key}"]')
    assert "fail" in (link.locator("xpath=ancestor::li").get_attribute("class") or "")
    link.click()
    page.wait_for_selector(f'#report-text .ev.active[data-ev~="{key}"]')
    assert page.locator(f"#verdict-{key}.selected").count() == 1
    first = page.locator(f'#report-text .ev.active[data-ev~="{key}"]').first
    page.wait_for_function(
        "el => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        arg=first.element_handle(),
    )
    assert page.url.endswith(f"#ev-{key}")
    fact = page.locator("#report-text .fact[data-value]").first
    fact.hover()
    card = page.evaluate("el => getComputedStyle(el, '::after').content", fact.element_handle())
    assert fact.get_attribute("data-value") in card and fact.get_attribute("data-unit") in card
    shot(page, "report-evidence")
    page.locator("#outline a").nth(1).click()
    assert "#h" in page.url


def test_last_years_plans_load_into_the_report_page(
    page, server: Server, samples: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    seed = sorted(SEEDS.glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    earlier = text.replace("2024", "\0").replace("2025", "2024").replace("\0", "2023")
    with server.api("reviewer") as api:
        api.post("/api/v1/reports", files=[("files", ("南岸区2023.txt", earlier.encode()))])
    login(page, server, "viewer")
    page.goto(f"{server.base}/reports/{samples[seed.name]}")
    page.wait_for_selector('#promises [data-loaded="1"]', timeout=30_000)
    items = page.locator("#promises li.promise")
    assert items.count() >= 3
    assert "兑现比例" in page.text_content("#promises")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#promises").screenshot(path=str(SHOTS / "report-promises.png"))


def test_search_and_open_a_hit(page, server: Server, samples: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    login(page, server, "viewer")
    page.goto(f"{server.base}/search")
    page.fill("#q", "行政复议")
    page.click("#search-go")
    page.wait_for_selector("#hits")
    marks = page.locator("#hits mark")
    assert marks.count() >= 3 and marks.first.inner_text() == "行政复议"
    shot(page, "search")
    page.locator("#hits .hit-title").first.click()
    page.wait_for_selector("#report-text")
    hit = page.locator(".report-text .hit").first
    assert "行政复议".startswith(hit.inner_text()[:2])
    assert page.url.endswith("#hit")


def test_compare_and_export(page, server: Server, samples: dict[str, int], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    login(page, server, "viewer")
    page.goto(f"{server.base}/compare")
    page.select_option("#indicator", "disputes.reconsideration_cases")
    page.click("#compare-indicator-go")
    page.wait_for_selector("#chart-compare[data-rendered]")
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() >= 2
    shot(page, "compare")
    with page.expect_download() as got:
        page.click("#export-csv")
    text = Path(got.value.path()).read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["排名", "报告主体"] and len(table) == rows.count() + 1
    with page.expect_download() as got:
        page.click("#export-xlsx")
    assert got.value.suggested_filename == "compare-disputes.reconsideration_cases.xlsx"
    got.value.save_as(tmp_path / "compare.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "compare.xlsx").active
    assert sheet.max_row == rows.count() + 1
    page.fill("#entity", "开州")
    page.click("#compare-unit-go")
    page.wait_for_selector("#chart-compare[data-rendered]")
    assert "开州区" in page.text_content("#compare-result h2")
    shot(page, "compare-unit")


def test_log_in_and_out(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    login(page, server, "viewer", "wrong-password")
    assert "用户名或密码不正确" in page.text_content(".error")
    shot(page, "login-failed")
    login(page, server, "viewer")
    page.wait_for_url("**/dashboard")
    assert "viewer" in page.text_content(".user")
    page.click("#logout")
    page.wait_for_url("**/login?msg=logged_out")
    assert "已退出" in page.text_content(".flash")
    shot(page, "logged-out")
    page.goto(f"{server.base}/dashboard")
    assert "/login" in page.url


def test_pages_above_the_role_are_refused(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    login(page, server, "viewer")
    page.wait_for_url("**/dashboard")
    assert page.locator("nav a[href='/upload']").count() == 0
    response = page.goto(f"{server.base}/upload")
    assert response.status == 403
    assert "需要审核员或管理员权限" in page.text_content(".error")
    shot(page, "refused")
    assert page.goto(f"{server.base}/admin/users").status == 403


def test_admin_pages_language_and_docs(page, server: Server, samples: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    login(page, server, "admin")
    page.wait_for_url("**/dashboard")
    page.goto(f"{server.base}/admin/users")
    assert page.locator("#user-list tbody tr").count() == 3
    shot(page, "users")
    page.goto(f"{server.base}/rules")
    assert page.locator("#rule-list tbody tr").count() >= 10
    shot(page, "rules")
    page.goto(f"{server.base}/errors")
    shot(page, "errors")
    page.goto(f"{server.base}/reports")
    page.click("text=English")
    page.wait_for_url("**lang=en")
    assert page.text_content("h1") == "Reports"
    shot(page, "reports-en")
    page.goto(f"{server.base}/docs")
    page.wait_for_selector(".swagger-ui .info")
    assert re.search(r"fazhi", page.text_content(".swagger-ui .info"))
    shot(page, "api-docs")
