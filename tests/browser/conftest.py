"""Fixtures for the browser tests: a headless Chromium driven by Selenium against a running server.

The server's base URL comes from PM_BASE_URL (default http://127.0.0.1:8888). Chromium and its
driver are Debian's packages (apt-get install chromium chromium-driver); CHROME_BIN and
CHROMEDRIVER override their paths.
"""
import os
import shutil
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("PM_BASE_URL", "http://127.0.0.1:8888").rstrip("/")
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
RUN_ID = uuid.uuid4().hex[:8]
WAIT_SECONDS = float(os.environ.get("PM_UI_WAIT", "15"))


def _find(env, *names):
    if os.environ.get(env):
        return os.environ[env]
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def base_url():
    try:
        with urllib.request.urlopen(f"{BASE_URL}/health", timeout=5):
            pass
    except urllib.error.HTTPError:
        pass  # 503 still means the server answers; the page shows the status
    except OSError as error:
        pytest.fail(f"no PersonalMem server answers at {BASE_URL} ({error}); start it or set PM_BASE_URL")
    return BASE_URL


@pytest.fixture(scope="session")
def llm_base_url():
    """A server with a (fake) LLM, from PM_LLM_BASE_URL; tests that need one skip without it."""
    url = os.environ.get("PM_LLM_BASE_URL", "").rstrip("/")
    if not url:
        pytest.skip("PM_LLM_BASE_URL is not set (tests/run-python-tests starts one with the fake LLM)")
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=5):
            pass
    except OSError as error:
        pytest.fail(f"no PersonalMem server answers at {url} ({error})")
    return url


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    binary = _find("CHROME_BIN", "chromium", "chromium-browser", "google-chrome")
    if binary:
        options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--lang=en-US", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # for console_errors()
    driver_path = _find("CHROMEDRIVER", "chromedriver")
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_window_size(1280, 900)
    yield driver
    driver.quit()


class Page:
    """Small helpers over the test page, named after what a person does."""

    def __init__(self, driver, base):
        self.driver = driver
        self.base = base
        self.wait = WebDriverWait(driver, WAIT_SECONDS)

    def open(self, user_id, tab="profile", lang="en"):
        self.driver.get(f"{self.base}/#{tab}")
        # Start from a known language and no remembered settings. A reload, not get(): get() of the
        # page already shown, or of another #tab of it, only changes the hash.
        self.driver.execute_script("localStorage.clear(); localStorage.setItem('pm.lang', arguments[0]);", lang)
        self.driver.refresh()
        self.wait.until(EC.visibility_of_element_located((By.ID, f"panel-{tab}")))
        self.set_user(user_id)
        return self

    def set_user(self, user_id):
        field = self.by_id("user-id")
        field.clear()
        field.send_keys(user_id, Keys.TAB)  # the change event loads that user's data

    def by_id(self, element_id):
        return self.wait.until(EC.presence_of_element_located((By.ID, element_id)))

    def css(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def visible(self, selector):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)))

    def first_visible(self, *selectors):
        """Waits until one of the selectors shows; returns (selector, element)."""
        def found(driver):
            for selector in selectors:
                for element in driver.find_elements(By.CSS_SELECTOR, selector):
                    if element.is_displayed() and element.text.strip():
                        return selector, element
            return False
        return self.wait.until(found, f"none of {selectors} appeared within {WAIT_SECONDS} s")

    def tab(self, name):
        self.by_id(f"tab-{name}").click()
        self.wait.until(EC.visibility_of_element_located((By.ID, f"panel-{name}")))

    def send_message(self, text):
        box = self.by_id("message-input")
        box.clear()
        box.send_keys(text)
        self.by_id("message-send").click()

    def console_errors(self):
        return console_errors(self.driver)

    def screenshot(self, name, height=1400):
        """Saves docs/screenshots/<name>.png: the top of the page, up to `height` pixels tall."""
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        width, old_height = self.driver.get_window_size().values()
        full = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(width, max(old_height, min(full + 120, height)))
        self.driver.execute_script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
        self.driver.save_screenshot(str(SCREENSHOT_DIR / f"{name}.png"))
        self.driver.set_window_size(width, old_height)


STATIC_SUFFIXES = (".js", ".css", ".html", ".json", ".png", ".ico")


def console_errors(driver):
    """The browser console's errors since the last call: script errors (a module that does not load
    or parse, an uncaught exception) and failed loads of the page's own files. Failed API calls are
    left out: the page shows those itself, and some tests cause them on purpose."""
    errors = []
    for entry in driver.get_log("browser"):
        if entry["level"] != "SEVERE":
            continue
        if entry.get("source") == "network":
            url = entry["message"].split(" ", 1)[0]
            path = urlsplit(url).path
            if not (path == "/" or path.endswith(STATIC_SUFFIXES)):
                continue
        errors.append(entry["message"])
    return errors


@pytest.fixture
def user_id(request):
    """A user id no other run or test uses."""
    return f"ui-{RUN_ID}-{request.node.name[5:25].replace('_', '-')}-{uuid.uuid4().hex[:4]}"


def _checked_page(browser, base):
    browser.set_window_size(1280, 900)
    console_errors(browser)  # start from an empty log
    yield Page(browser, base)
    errors = console_errors(browser)
    if errors:
        pytest.fail("the browser console shows errors:\n" + "\n".join(errors))


@pytest.fixture
def page(browser, base_url):
    """The page in the shared browser; after the test, fails it on any console error it caused."""
    yield from _checked_page(browser, base_url)


@pytest.fixture
def llm_page(browser, llm_base_url):
    """The page served by the server with the fake LLM; checked for console errors like `page`."""
    yield from _checked_page(browser, llm_base_url)
