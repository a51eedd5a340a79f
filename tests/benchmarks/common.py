"""Shared helpers for `make bench`: one line per figure, in the agreed format."""

from __future__ import annotations


def print_bench(name: str, value: float, unit: str, ratio: float, target: str, ok: bool) -> None:
    verdict = "PASS" if ok else "FAIL"
    print(
        f"BENCH {name} {value:.3f}{unit} ratio={ratio:.2f}x target={target} {verdict}", flush=True
    )
