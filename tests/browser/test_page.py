"""The test page in a real headless Chromium, against a running PersonalMem server.

Run: PM_BASE_URL=http://127.0.0.1:8888 .venv/bin/pytest tests/browser
Each test uses its own new user id, so runs never see each other's data.
"""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select


def field_row(page, name):
    return page.visible(f'[data-testid="profile-view"] [data-field="{name}"]')


def send_and_expect_name(page):
    page.send_message("My name is Alice and I love jazz")
    shown, element = page.first_visible('[data-testid="events"]', '[data-testid="message-error"]')
    assert shown != '[data-testid="message-error"]', f"POST /messages failed: {element.text}"
    events = page.css('[data-testid="event"][data-field="name"]')
    assert events, f"no ADD event for 'name'; the page shows: {element.text!r}"
    return events[0]


def test_page_scripts_load_without_console_errors(page, user_id):
    for lang in ("en", "zh"):
        for tab in ("profile", "chat", "api"):
            page.open(user_id, tab=tab, lang=lang)
            assert page.by_id("tab-profile").text == ("Profile" if lang == "en" else "用户画像")
            # The modules ran: the status bar, the language switch and the knobs are built by them.
            page.visible('[data-testid="status-server"]')
            assert len(page.css("#lang-select option")) >= 2
            assert page.css("#knob-list .knob")
            if tab == "api":
                page.visible('[data-testid="api-op-getHealth"]')
            assert page.console_errors() == [], f"{tab} tab ({lang})"
    scripts = page.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.endsWith('.js'))")
    assert "/js/main.js" in scripts, scripts
    assert page.by_id("banner").is_displayed() is False, page.by_id("banner-text").text


def test_message_fact_appears_in_profile(page, user_id):
    page.open(user_id)
    event = send_and_expect_name(page)
    assert event.get_attribute("data-event") == "ADD"
    assert "Alice" in event.text
    assert "Alice" in field_row(page, "name").text
    page.wait.until(lambda d: "Alice" in d.find_element(By.ID, "context-text").text)
    page.visible('[data-testid="history-item"][data-field="name"]')
    assert page.by_id("profile-empty").is_displayed() is False
    page.screenshot("profile")


def test_wrong_type_shows_error_next_to_field(page, user_id):
    page.open(user_id)
    page.by_id("add-field").find_element(By.TAG_NAME, "summary").click()
    Select(page.by_id("add-field-name")).select_by_value("age")
    value = page.by_id("add-field-value")
    value.clear()
    value.send_keys("abc")
    page.by_id("add-field-save").click()

    error = page.visible('[data-testid="add-field-error"]')
    page.wait.until(lambda d: error.text.strip() != "")
    assert "age" in error.text
    assert value.get_attribute("aria-invalid") == "true"
    # The error sits right after the value it is about, inside the same form.
    assert error.find_element(By.XPATH, "./preceding-sibling::textarea[1]").get_attribute("id") == "add-field-value"
    # Nothing was stored.
    assert page.css('[data-testid="profile-view"] [data-field="age"]') == []


def test_switch_to_chinese_changes_strings(page, user_id):
    page.open(user_id)
    profile_tab = page.by_id("tab-profile")
    assert profile_tab.text == "Profile"
    english_button = page.by_id("message-send").text

    Select(page.by_id("lang-select")).select_by_value("zh")
    page.wait.until(lambda d: profile_tab.text == "用户画像")
    assert page.by_id("tab-chat").text == "对话"
    assert page.by_id("message-send").text not in ("", english_button)
    assert page.driver.find_element(By.TAG_NAME, "html").get_attribute("lang").startswith("zh")
    assert page.by_id("message-input").get_attribute("placeholder") != "My name is Alice and I love jazz"

    Select(page.by_id("lang-select")).select_by_value("en")
    page.wait.until(lambda d: profile_tab.text == "Profile")


def test_dry_run_chat_shows_memories_panel(page, user_id):
    page.open(user_id)
    send_and_expect_name(page)

    page.tab("chat")
    dry_run = page.by_id("knob-dry-run")
    if not dry_run.is_selected():  # forced on (and disabled) when the server has no LLM
        dry_run.click()
    assert dry_run.is_selected()
    box = page.by_id("chat-input")
    box.send_keys("What music do I like?")
    page.by_id("chat-send").click()

    shown, element = page.first_visible('[data-testid="memory-panel"]', '[data-testid="chat-error"]',
                                        '[data-testid="assistant-message"] .form-error')
    assert shown == '[data-testid="memory-panel"]', f"the dry-run chat failed: {element.text}"
    panel = element
    prompt = page.visible('[data-testid="dry-run-prompt"]')
    assert "What music do I like?" in prompt.text
    assert panel.find_elements(By.TAG_NAME, "h4"), "the panel names its sections"
    assert page.by_id("chat-error").is_displayed() is False
    page.screenshot("chat")


def test_streamed_answers_each_stay_in_their_own_bubble(llm_page, user_id):
    page = llm_page.open(user_id, tab="chat")
    assert page.by_id("knob-stream").is_selected(), "answers stream by default"
    assert page.by_id("knob-dry-run").is_selected() is False
    questions = ["What is the first question?", "And what is the second one?"]
    for count, question in enumerate(questions, start=1):
        page.by_id("chat-input").send_keys(question)
        page.by_id("chat-send").click()
        page.wait.until(lambda d: len(page.css('[data-testid="memory-panel"]')) == count
                        and page.by_id("chat-send").text == "Send")
        if count == 1:
            # While the second answer streams in, the first must keep its own text.
            page.driver.execute_script("""
                const first = () => document.querySelector('[data-testid="assistant-message"] .answer-text').textContent;
                const expected = first();
                window.pmFirstAnswerChanges = [];
                new MutationObserver(() => { if (first() !== expected) window.pmFirstAnswerChanges.push(first()); })
                    .observe(document.getElementById("chat-thread"), { childList: true, characterData: true, subtree: true });""")
    assert page.driver.execute_script("return window.pmFirstAnswerChanges") == []
    answers = [node.text for node in page.css('[data-testid="assistant-message"] .answer-text')]
    assert len(answers) == 2 and all(q in a for q, a in zip(questions, answers)), answers
    assert page.css('[data-testid="assistant-message"] .form-error') == []
    assert page.by_id("chat-error").is_displayed() is False


def test_delete_all_leaves_empty_profile(page, user_id):
    page.open(user_id)
    send_and_expect_name(page)
    field_row(page, "name")

    page.by_id("delete-all").click()
    dialog = page.visible('[data-testid="confirm-dialog"]')
    assert user_id in dialog.text
    page.by_id("confirm-ok").click()

    page.visible('[data-testid="profile-empty"]')
    page.wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="profile-view"] [data-field]') == [])
    page.wait.until(lambda d: "is-empty" in d.find_element(By.ID, "context-text").get_attribute("class"))
    assert user_id in page.by_id("delete-status").text


def test_api_tab_tries_an_endpoint(page, user_id):
    page.open(user_id, tab="api")
    operation = page.visible('[data-testid="api-op-getHealth"]')
    operation.find_element(By.TAG_NAME, "summary").click()
    operation.find_element(By.CSS_SELECTOR, '[data-testid="api-getHealth-send"]').click()
    output = operation.find_element(By.CSS_SELECTOR, '[data-testid="api-getHealth-response"]')
    page.wait.until(lambda d: '"status"' in output.text)
    # Every documented route has a form.
    assert len(page.css('[data-testid^="api-op-"]')) >= 16
    page.screenshot("api")


def test_phone_width_has_no_horizontal_scroll(page, user_id):
    page.driver.set_window_size(390, 844)
    page.open(user_id)
    for tab in ("profile", "chat", "api"):
        page.tab(tab)
        width = page.driver.execute_script("return document.documentElement.scrollWidth")
        inner = page.driver.execute_script("return document.documentElement.clientWidth")
        assert width <= inner + 1, f"{tab} tab scrolls sideways at 390px ({width} > {inner})"


def test_docs_page_renders_the_api_document(page):
    page.driver.get(f"{page.base}/docs")
    page.visible('[data-testid="docs-nav"] a[href="#schemas"]')
    operation = page.visible('[data-testid="op-getHealth"]')
    assert "/health" in operation.text
    assert len(page.css('[data-testid^="op-"]')) >= 16
    assert page.console_errors() == []
