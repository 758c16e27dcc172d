"""`tidings serve` in a real browser: headless Chromium driven by Selenium against a server on 127.0.0.1.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and the ``selenium``
package; skipped without them. With ``TIDINGS_SCREENSHOTS=DIR`` the run also saves a PNG of each view
there (how the pictures in docs/ are made).
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serve_support import cli, code_db, copy_db, serving
from tidings.cli import app as cli_app
from tidings.holder import note_path

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs chromium and chromium-driver")
SHOTS = os.environ.get("TIDINGS_SCREENSHOTS")


@pytest.fixture(scope="module")
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=opts)
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> Path:
    return code_db(tmp_path_factory.mktemp("coded"))


def _shot(drv, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        height = drv.execute_script("return document.documentElement.scrollHeight")
        metrics = {"width": 1280, "height": min(max(height, 600), 2400), "deviceScaleFactor": 1, "mobile": False}
        drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)  # the whole page, not the window
        drv.save_screenshot(str(Path(SHOTS) / f"serve-{name}.png"))
        drv.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _wait(drv, css: str):
    return WebDriverWait(drv, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_filter_open_correct_reload_export(browser, coded: Path, tmp_path: Path) -> None:
    db = copy_db(coded, tmp_path / "db")
    drv = browser
    with serving(db) as url:
        drv.get(url + "/")
        _wait(drv, "#filters")
        total = int(drv.find_element(By.ID, "count").text.split()[0])
        _shot(drv, "events-all")
        drv.find_element(By.NAME, "dyad").send_keys("SYR:KAZ")
        Select(drv.find_element(By.NAME, "type")).select_by_visible_text("CONSULT")
        drv.find_element(By.ID, "apply").click()
        WebDriverWait(drv, 30).until(EC.url_contains("dyad=SYR"))
        rows = drv.find_elements(By.CSS_SELECTOR, "#events tbody tr")
        assert 0 < len(rows) < total
        assert all(r.find_elements(By.TAG_NAME, "td")[4].text.startswith("SYR") for r in rows)
        assert drv.find_elements(By.CSS_SELECTOR, "svg.series rect")
        _shot(drv, "events")

        (meeting,) = [r for r in rows if r.find_elements(By.TAG_NAME, "td")[0].text == "2024-12-04"]
        event_id = meeting.get_attribute("data-id")
        meeting.find_element(By.CSS_SELECTOR, "a.open").click()
        _wait(drv, "#mentions")
        first = drv.find_element(By.CSS_SELECTOR, "#mentions .sentence")
        assert first.find_element(By.CSS_SELECTOR, ".m-trigger").text == "met with"
        assert "Al-Mikdad" in first.find_element(By.CSS_SELECTOR, ".m-source").text
        assert "Jumali" in first.find_element(By.CSS_SELECTOR, ".m-target").text
        # highlighted means drawn differently, not only tagged
        colour = lambda css: first.find_element(By.CSS_SELECTOR, css).value_of_css_property("background-color")  # noqa: E731
        assert len({colour(".m-trigger"), colour(".m-source"), colour(".m-target")}) == 3

        form = drv.find_element(By.ID, "correct")
        form.find_element(By.NAME, "cameo_code").send_keys("042")
        form.find_element(By.NAME, "note").send_keys("the ambassador called on the minister")
        drv.find_element(By.ID, "save").click()
        _wait(drv, "#history")
        drv.refresh()
        _wait(drv, "#corrected-badge")
        assert "CAMEO 042" in drv.find_element(By.TAG_NAME, "h1").text
        history = drv.find_element(By.ID, "history").text
        assert "cameo_code" in history and "040" in history and "042" in history and "tester" in history
        _shot(drv, "event")

        drv.find_element(By.CSS_SELECTOR, "#mentions a.article-link").click()
        _wait(drv, "#body")
        assert "Lina Haddad" in drv.find_element(By.ID, "byline").text
        assert drv.find_elements(By.CSS_SELECTOR, "#body .m-trigger") and drv.find_elements(By.CSS_SELECTOR, "#body .m-actor")
        assert not drv.find_element(By.CSS_SELECTOR, "#boilerplate li").is_displayed()  # folded
        _shot(drv, "article")

        # a missed event: select "affirmed" in the body and use it as the trigger
        drv.execute_script(
            """const body = document.getElementById('body');
               const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
               let n; while ((n = walker.nextNode())) { const i = n.data.indexOf('affirmed');
                 if (i >= 0) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 8);
                   const s = window.getSelection(); s.removeAllRanges(); s.addRange(r); break; } }"""
        )
        drv.find_element(By.ID, "use-trigger").click()
        assert "affirmed" in drv.find_element(By.ID, "chosen-trigger").text
        add = drv.find_element(By.ID, "add-event")
        add.find_element(By.NAME, "cameo_code").send_keys("051")
        add.find_element(By.NAME, "source_code").send_keys("KAZGOV")
        add.find_element(By.NAME, "target_code").send_keys("SYR")
        drv.find_element(By.ID, "add").click()
        _wait(drv, "#mentions")
        assert drv.find_element(By.CSS_SELECTOR, "#mentions .m-trigger").text == "affirmed"
        assert "/events/added-" in drv.current_url

        # the server owns the file: a run started meanwhile is told who holds it
        res = cli("code", str(tmp_path), "--db", str(db), "--no-progress")
        assert res.returncode == 3 and f"tidings serve at {url}/" in res.stderr, res.stderr
    assert not note_path(db).exists()  # the note goes with the server

    out = tmp_path / "events.csv"
    runner = CliRunner()
    res = runner.invoke(cli_app, ["export", str(out), "--db", str(db), "--format", "csv"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows[event_id]["cameo_code"] == "042" and rows[event_id]["corrected"] == "true"
    assert any(k.startswith("added-") and r["plover_type"] == "SUPPORT" for k, r in rows.items())
    gold = tmp_path / "gold.jsonl"
    res = runner.invoke(cli_app, ["export", str(gold), "--db", str(db), "--format", "gold"], catch_exceptions=False)
    assert res.exit_code == 0 and "wrote 1 rows" in res.output.replace("\n", " ")
