#!/usr/bin/env python3
"""Times Python's re.findall / str.lower / strip_accents_unicode on the inputs that
bench/text_bench.cpp (skops_bench_text) builds, for comparison (MB/s of UTF-8 input).

    /usr/bin/python3 bench/text_compare.py
"""
import re
import time
import unicodedata

WORDS = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "naïve", "café", "Straße",
         "ΣΟΦΟΣ", "données", "2026", "a", "vectorizer", "tf-idf", "it's", "e-mail:", "x@y.z"]


def words_text(nbytes):
    parts, size, i = [], 0, 0
    while size < nbytes:
        w = WORDS[(i * 7 + i // 3) % 20] + (".\n" if i % 11 == 10 else " ")
        parts.append(w)
        size += len(w.encode("utf-8"))
        i += 1
    return "".join(parts)


def strip_accents_unicode(s):
    normalized = unicodedata.normalize("NFKD", s)
    if normalized == s:
        return s
    return "".join([c for c in normalized if not unicodedata.combining(c)])


def rate(fn, text, repeat=5):
    best = min(timeit(fn, text) for _ in range(repeat))
    return len(text.encode("utf-8")) / best / 1e6


def timeit(fn, text):
    t = time.perf_counter()
    fn(text)
    return time.perf_counter() - t


def main():
    text = words_text(1 << 20)
    for name, pattern in [("default token pattern", r"(?u)\b\w\w+\b"),
                          ("punctuation pattern", r"(?u)\b\w+\b|[^\w\s]")]:
        rx = re.compile(pattern)
        print(f"{name:28s} {rate(rx.findall, text):8.1f} MB/s  tokens={len(rx.findall(text))}")
    print(f"{'str.lower':28s} {rate(str.lower, text):8.1f} MB/s")
    print(f"{'strip_accents_unicode':28s} {rate(strip_accents_unicode, text):8.1f} MB/s")
    # The pathological case on a small input only (sre backtracks exponentially).
    for n in (16, 20, 24):
        t = time.perf_counter()
        re.findall(r"(?:a|aa)*b", "a" * n)
        print(f"(?:a|aa)*b on a*{n}: {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    main()
