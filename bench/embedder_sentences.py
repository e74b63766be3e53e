#!/usr/bin/env python3
"""Writes N chat-like sentences (English and some Chinese, 5 to 60 words), deterministic, one a line."""
import random
import sys

SUBJECTS = ["I", "My sister", "Our team", "The user", "My neighbour", "We", "Grandma", "My friend Lena"]
VERBS = ["visited", "talked about", "booked", "cancelled", "painted", "cooked", "fixed", "forgot", "remembered", "adopted"]
OBJECTS = ["a trip to Lisbon", "the dentist appointment", "a birthday cake", "the old bicycle", "a puppy named Miso",
           "the quarterly budget", "a jazz concert", "the garden fence", "a Python course", "the wedding photos"]
TAILS = ["last weekend", "yesterday evening", "two weeks ago", "in May 2023", "before the holidays", "after work",
         "because it was raining", "with a few colleagues from the office", "and it went better than expected"]
CHINESE = ["我上个月去了杭州旅游，天气很好。", "我妹妹下周要结婚了，我们都很开心。", "最近工作太忙，没有时间锻炼身体。",
           "我喜欢在周末做饭，尤其是做面条。"]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "".join(rng.choice(CHINESE) for _ in range(rng.randint(1, 3)))
    parts = []
    for _ in range(rng.randint(1, 4)):
        parts.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}")
    return ", and ".join(parts) + "."


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = random.Random(10)
    for _ in range(count):
        print(sentence(rng))


if __name__ == "__main__":
    main()
