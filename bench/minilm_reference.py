#!/usr/bin/env python3
"""Writes the reference vectors the Swift MiniLM test compares against (run once; output committed).

Needs sentence-transformers in a throwaway virtualenv outside the repository, and the model files
that scripts/lib/setup.sh fetches:

    python3 -m venv /tmp/stenv && /tmp/stenv/bin/pip install torch sentence-transformers
    HF_HUB_OFFLINE=1 /tmp/stenv/bin/python bench/minilm_reference.py \
        .data/models/all-MiniLM-L6-v2 Tests/PersonalMemTests/Fixtures/minilm_reference.json
"""
import json
import sys

from sentence_transformers import SentenceTransformer

LONG_EN = " ".join(
    f"On day {i} of the trip the user walked along the river, bought bread at the corner bakery, "
    f"and wrote a note about the weather." for i in range(1, 30))
LONG_ZH = "".join(f"第{i}天，我们在湖边散步，聊了很久关于工作和家人的事情。" for i in range(1, 25))

SENTENCES = [
    "I adopted a puppy last week and named her Miso.",
    "What did I say about my sister's wedding?",
    "The user prefers green tea over coffee in the morning, but drinks espresso after lunch on Fridays.",
    "我上个月搬到了上海，现在在一家科技公司工作。",
    "你还记得我女儿的生日吗？",
    "Café déjà vu: naïve résumé, ÉCOLE, Straße & Ångström — 100% (ok?) [tabs\there] e-mail@example.com",
    "Mixed 中文 and English: 我喜欢 jazz 和 hiking!",
    "",
    LONG_EN,
    LONG_ZH,
]


def main() -> None:
    folder, output = sys.argv[1], sys.argv[2]
    model = SentenceTransformer(folder, device="cpu")
    assert model.max_seq_length == 256, model.max_seq_length
    vectors = model.encode(SENTENCES, batch_size=4, normalize_embeddings=True, convert_to_numpy=True)
    entries = []
    for text, vector in zip(SENTENCES, vectors):
        ids = model.tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"]
        entries.append({"text": text, "ids": ids, "vector": [float(f"{x:.7g}") for x in vector.tolist()]})
    with open(output, "w", encoding="utf-8") as handle:
        json.dump({"model": "sentence-transformers/all-MiniLM-L6-v2", "max_seq_length": 256, "sentences": entries},
                  handle, ensure_ascii=False, indent=None)
        handle.write("\n")
    print(f"wrote {len(entries)} reference vectors to {output}; token counts {[len(e['ids']) for e in entries]}")


if __name__ == "__main__":
    main()
