"""The explorer in a real browser: Debian's Chromium driven by Selenium through Debian's
chromedriver (``apt-get install chromium chromium-driver``; the README's set-up installs them).
Without them these tests fail and say what to install: they never skip.

Each page's screenshot is saved in docs/screenshots/ (the README shows them).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from claimgraph.api.main import create_app
from claimgraph.graph.engine import Graph
from claimgraph.graph.settings import Settings

CHROMIUM = os.environ.get("CLAIMGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CLAIMGRAPH_CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
# axe-core from npm (tests/browser/package.json; `make setup` installs it).
AXE = Path(__file__).resolve().parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SOHR = "Syrian Observatory for Human Rights"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def explorer(seeded_graph: Graph) -> Iterator[str]:
    """The app served by uvicorn on a free local port, over the seed and the GDELT sample."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(), seeded_graph), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the explorer's server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        pytest.fail(f"no {' and no '.join(missing)}: install Debian's browser and driver with "
                    "`sudo apt-get install chromium chromium-driver` (or set CLAIMGRAPH_CHROMIUM and "
                    "CLAIMGRAPH_CHROMEDRIVER)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def replaced(page: WebElement) -> Callable[[WebDriver], bool]:
    """A wait condition: the page this element belongs to has been replaced. Chromium answers a
    command on an element of a page being torn down either as stale or, in a race, as "does not
    belong to the document" (an unknown error): both mean gone."""
    def gone(_: WebDriver) -> bool:
        try:
            page.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise
        return False
    return gone


def wait_for_next_page(browser: WebDriver, page: WebElement) -> None:
    WebDriverWait(browser, 10).until(replaced(page))


def follow(browser: WebDriver, link: WebElement) -> None:
    """Click a link (or press Enter in a form) and wait for the next page to replace this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    link.click()
    wait_for_next_page(browser, page)


def accessibility_violations(browser: WebDriver) -> list[str]:
    """axe-core's WCAG 2 A and AA rules (labels, contrast, names, structure) on the open page."""
    assert AXE.exists(), f"no {AXE}: run `make setup` (npm ci --prefix tests/browser)"
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))"
        ".catch(e => done(['axe failed: ' + e]));")
    return list(result)


def console_errors(browser: WebDriver) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def check_page(browser: WebDriver) -> None:
    """No JavaScript error on the page, and no accessibility violation."""
    assert console_errors(browser) == []
    assert accessibility_violations(browser) == []


def screenshot(browser: WebDriver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.execute_script("window.scrollTo(0, 0)")
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(height, 600), 2400))
    browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
    browser.set_window_size(1280, 1000)


def test_explore_browser_from_the_overview_to_both_sides_in_the_article(explorer: str, browser: WebDriver) -> None:
    browser.get(explorer + "/")
    assert browser.current_url == explorer + "/explore"  # / redirects to the explorer
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overview"
    assert browser.find_elements(By.CSS_SELECTOR, "svg.timeline g rect")
    screenshot(browser, "overview")
    check_page(browser)

    # Search an actor with the keyboard.
    box = browser.find_element(By.ID, "q")
    page = browser.find_element(By.TAG_NAME, "html")
    box.send_keys("syrian", Keys.ENTER)
    wait_for_next_page(browser, page)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Search: syrian"
    screenshot(browser, "search")
    check_page(browser)
    follow(browser, browser.find_element(By.LINK_TEXT, SOHR))

    # Its page: the network, whose nodes lead to other actors, and the accusations it made.
    assert browser.find_element(By.TAG_NAME, "h1").text == SOHR
    nodes = browser.find_elements(By.CSS_SELECTOR, "svg.network a.node")
    assert {n.get_attribute("data-actor") for n in nodes} >= {"syrian-observatory-for-human-rights", "country:tur"}
    screenshot(browser, "actor")
    check_page(browser)
    # The network zooms, moves and comes back (static/network.js).
    network = browser.find_element(By.CSS_SELECTOR, "svg.network")
    drawn = network.get_dom_attribute("viewBox")

    def view() -> list[float]:
        return [float(v) for v in network.get_dom_attribute("viewBox").split()]

    browser.find_element(By.XPATH, "//button[text()='Zoom in']").click()
    zoomed = view()
    assert zoomed[2] < float(drawn.split()[2])
    ActionChains(browser).move_to_element_with_offset(network, 5, 5).click_and_hold().move_by_offset(80, 40) \
        .release().perform()
    assert browser.find_element(By.TAG_NAME, "h1").text == SOHR, "a drag is not a click on a node"
    moved = view()
    assert moved[0] < zoomed[0] and moved[1] < zoomed[1], "dragged right and down: the view moved left and up"
    browser.execute_script("arguments[0].focus()", nodes[0])
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
    assert view()[0] > moved[0]
    browser.find_element(By.XPATH, "//button[text()='Reset view']").click()
    assert network.get_dom_attribute("viewBox") == drawn
    check_page(browser)
    # With its claims, the network's squares are the claims, each a link to its page.
    follow(browser, browser.find_element(By.LINK_TEXT, "Show the claims"))
    claim_nodes = browser.find_elements(By.CSS_SELECTOR, "svg.network a.node.claim")
    assert claim_nodes and all(n.get_dom_attribute("href").startswith("/explore/claims/cl-") for n in claim_nodes)
    check_page(browser)
    follow(browser, browser.find_element(By.LINK_TEXT, "Hide the claims"))
    nodes = browser.find_elements(By.CSS_SELECTOR, "svg.network a.node")
    # Its network leads on: Turkey's node opens Turkey's page, and back.
    turkey = next(n for n in nodes if n.get_attribute("data-actor") == "country:tur")
    follow(browser, turkey.find_element(By.TAG_NAME, "circle"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Turkey"
    page = browser.find_element(By.TAG_NAME, "html")
    browser.back()
    wait_for_next_page(browser, page)

    # A contested claim it made: Turkey and Azerbaijan deny it.
    made = browser.find_element(By.ID, "accusations-made").find_element(By.XPATH, "..")
    follow(browser, made.find_element(By.PARTIAL_LINK_TEXT, "300 Turkish-backed fighters"))
    assert browser.find_element(By.CLASS_NAME, "claim-text").text.startswith("“more than 300 Turkish-backed fighters")
    asserted = browser.find_elements(By.CSS_SELECTOR, "article.side-asserts")
    denied = browser.find_elements(By.CSS_SELECTOR, "article.side-denies")
    assert len(asserted) == 1 and len(denied) == 3
    assertion_id = asserted[0].get_attribute("data-statement")
    denial_ids = {d.get_attribute("data-statement") for d in denied}
    screenshot(browser, "claim")
    check_page(browser)

    # The article, with both sides' spans marked.
    follow(browser, denied[0].find_element(By.CLASS_NAME, "in-article"))
    assert "/explore/articles/seed-nk-mercenaries" in browser.current_url
    marked: dict[str, set[str]] = {}
    for mark in browser.find_elements(By.CSS_SELECTOR, ".article-text mark"):
        for statement_id in mark.get_attribute("data-statements").split():
            marked.setdefault(statement_id, set()).update(mark.get_attribute("class").split())
    assert {"part-speaker", "part-cue", "part-claim", "rel-accuses"} <= marked[assertion_id]
    for denial_id in denial_ids:
        assert {"part-speaker", "rel-denies"} <= marked[denial_id], denial_id
    # The claim's statements are picked out in the table below the text.
    chosen = {row.get_attribute("id") for row in browser.find_elements(By.CSS_SELECTOR, "tr.chosen")}
    assert {s.replace("/", "-") for s in denial_ids | {assertion_id}} <= chosen
    screenshot(browser, "article")
    check_page(browser)


def test_explore_browser_walks_a_chain(explorer: str, browser: WebDriver) -> None:
    browser.get(explorer + "/explore/chains")
    browser.find_element(By.ID, "from").send_keys("Syrian Observatory for Human Rights")
    browser.find_element(By.ID, "to").send_keys("Armenia")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
    chains = browser.find_elements(By.CSS_SELECTOR, "article.chain")
    assert len(chains) == 2
    for chain in chains:
        hops = chain.find_elements(By.CSS_SELECTOR, "li.hop")
        assert len(hops) == 2 and "denial" in hops[0].text and "accusation" in hops[1].text
    screenshot(browser, "chains")
    check_page(browser)
    # A hop's claim leads to its page.
    follow(browser, chains[0].find_element(By.CSS_SELECTOR, "li.hop a[href^='/explore/claims/']"))
    assert browser.find_elements(By.CSS_SELECTOR, "article.side-denies")


def test_explore_browser_adds_an_article_and_sees_its_statements(explorer: str, browser: WebDriver) -> None:
    browser.get(explorer + "/explore/add")
    browser.find_element(By.ID, "text").send_keys(
        "Armenia accused Azerbaijan of shelling Stepanakert on Sunday. Azerbaijan denied the accusation.")
    browser.find_element(By.ID, "article_id").send_keys("browser-added")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "button[value=preview]"))
    relations = {m.get_attribute("class") for m in browser.find_elements(By.CSS_SELECTOR, ".article-text mark")}
    assert any("rel-accuses" in c for c in relations) and any("rel-denies" in c for c in relations)
    screenshot(browser, "add")
    check_page(browser)
    follow(browser, browser.find_element(By.CSS_SELECTOR, "button[value=save]"))
    assert "Saved:" in browser.find_element(By.CLASS_NAME, "saved").text
    follow(browser, browser.find_element(By.LINK_TEXT, "Open the article"))
    assert browser.find_elements(By.CSS_SELECTOR, ".article-text mark.rel-accuses")
    check_page(browser)


def test_explore_browser_runs_a_named_query_and_downloads_its_csv(explorer: str, browser: WebDriver) -> None:
    browser.get(explorer + "/explore/queries")
    follow(browser, browser.find_element(By.LINK_TEXT, "actors_by_key"))
    browser.find_element(By.ID, "param-key").send_keys("Turkey")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.add button"))
    cells = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "table.result td")]
    assert "country:tur" in cells
    screenshot(browser, "query")
    check_page(browser)
    link = browser.find_element(By.CLASS_NAME, "download").get_attribute("href")
    with urllib.request.urlopen(link) as download:  # what the browser saves
        assert download.headers["Content-Type"].startswith("text/csv")
        assert "country:tur" in download.read().decode("utf-8")


def test_explore_browser_contradictions_and_a_phone_screen(explorer: str, browser: WebDriver) -> None:
    browser.get(explorer + "/explore/contradictions")
    assert browser.find_elements(By.CSS_SELECTOR, "article.contradiction")
    screenshot(browser, "contradictions")
    check_page(browser)
    # The JSON it shows is one link away.
    feed = browser.find_element(By.CSS_SELECTOR, "footer a.feed").get_attribute("href")
    assert feed.startswith(explorer + "/contradictions?")
    for path in ("/explore/queries", "/explore/cypher", "/explore/chains", "/explore/add", "/explore/actors/nobody"):
        browser.get(explorer + path)
        assert console_errors(browser) == [] or path.endswith("nobody")  # a 404 page logs its status
        assert accessibility_violations(browser) == [], path
    try:
        browser.set_window_size(390, 844)  # a phone
        for path in ("/explore", "/explore/contradictions", "/explore/articles/seed-nk-mercenaries"):
            browser.get(explorer + path)
            overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} is {overflow}px wider than a phone screen"
    finally:
        browser.set_window_size(1280, 1000)
    check_page(browser)
