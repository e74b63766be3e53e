"""The official openai client against PersonalMem's chat endpoint (backed by the fake LLM)."""
import os
import uuid

import openai
import pytest

BASE = os.environ.get("PM_LLM_BASE_URL", "http://127.0.0.1:8888")


@pytest.fixture()
def client():
    return openai.OpenAI(base_url=f"{BASE}/v1", api_key="unused")


def test_plain_call_returns_answer_usage_and_memory(client):
    user = f"py-{uuid.uuid4().hex[:10]}"
    first = client.chat.completions.create(
        model="any", user=user, messages=[{"role": "user", "content": "I adopted a cat called Miso"}],
        metadata={"conversation_id": "c1"},
    )
    assert first.choices[0].message.content.startswith("Echo:")
    assert first.usage.total_tokens > 0
    memory = first.model_extra["memory"]
    assert memory["recent_turn_ids"] == []

    second = client.chat.completions.create(
        model="any", user=user, messages=[{"role": "user", "content": "What is my cat called?"}],
        metadata={"conversation_id": "c1"},
    )
    assert second.model_extra["memory"]["recent_turn_ids"] == [1]


def test_streaming_call_delivers_chunks_and_memory(client):
    user = f"py-{uuid.uuid4().hex[:10]}"
    stream = client.chat.completions.create(
        model="any", user=user, stream=True, messages=[{"role": "user", "content": "tell me a story about boats"}],
    )
    text = ""
    memory = None
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
        extra = chunk.model_extra or {}
        if "memory" in extra:
            memory = extra["memory"]
    assert text == "Echo: tell me a story about boats"
    assert memory is not None and "replayed" in memory

    later = client.chat.completions.create(
        model="any", user=user, messages=[{"role": "user", "content": "and another"}],
    )
    assert later.model_extra["memory"]["recent_turn_ids"] == [1]


def test_missing_user_is_a_clear_400(client):
    with pytest.raises(openai.BadRequestError) as error:
        client.chat.completions.create(model="any", messages=[{"role": "user", "content": "hi"}])
    assert "user" in str(error.value)
