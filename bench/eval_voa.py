"""totor against the hand-made gold for Voice of America stories (tests/gold/voa).

    .venv/bin/python bench/eval_voa.py [--gold tests/gold/voa] [--verbose] [--json]

Runs the same scorer as ``totor eval`` and prints its table with the goals and the
published anchor beside: exact match of victim counts per article 0.44-0.81 for the best
model of Zhong et al. (EACL 2023; regex 0.06-0.26, dependency rules 0.05-0.30).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from totor.evaluate import Report, evaluate_gold, load_gold_dir

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "voa"
#: what totor aims for on this gold set
GOALS = {
    "events": 0.85,
    "casualties_exact": 0.95,
    "casualties_exact_attributed": 0.90,
}
ANCHORS = {
    "casualties_exact": "Zhong et al. 2023: best model 0.44-0.81, regex 0.06-0.26",
    "casualties_exact_attributed": "(no published anchor: others do not attribute)",
}


def annotate(report: Report) -> str:
    """The scorer's table with goals and anchors added to the rows they concern."""
    lines = []
    for line in report.table().splitlines():
        kind = line.split(" ", 1)[0]
        extras = []
        if kind in GOALS:
            extras.append(f"goal {GOALS[kind]:.2f}")
        if kind in ANCHORS:
            extras.append(ANCHORS[kind])
        lines.append(line + ("   " + "; ".join(extras) if extras else ""))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--verbose", action="store_true", help="list missed and extra items")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    golds = load_gold_dir(args.gold)
    if not golds:
        print(f"no gold files in {args.gold}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    report = evaluate_gold(golds)
    seconds = time.perf_counter() - started
    if args.json:
        print(json.dumps({**report.to_dict(), "seconds": round(seconds, 1)}, indent=2))
        return 0
    print(f"VOA gold ({args.gold}), {seconds:.1f} s")
    print(annotate(report))
    if args.verbose:
        print("\n- missed (in gold, not found)   + extra (found, not in gold)")
        for line in report.diff_lines():
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
