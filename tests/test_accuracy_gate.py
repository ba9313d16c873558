"""The accuracy gate: totor's scores must not fall below tests/gold/floors.json.

Runs the full pipeline (loaded once) over the VOA gold articles, the PLOVER gold sentences
and the PolNeAR test split, prints each table, and fails on any score under its floor.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from totor.evaluate import EXACT_KINDS, KINDS, corpora_roots, evaluate_gold, load_gold_dir

ROOT = Path(__file__).resolve().parents[1]
FLOORS_PATH = ROOT / "tests" / "gold" / "floors.json"
VOA_GOLD = ROOT / "tests" / "gold" / "voa"


def _bench(name: str) -> ModuleType:
    """A benchmark script from bench/, imported as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is built
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


eval_plover = _bench("eval_plover")
eval_polnear = _bench("eval_polnear")


@pytest.fixture(scope="session")
def floors() -> dict[str, Any]:
    return json.loads(FLOORS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pipeline() -> Any:
    from totor.api import Pipeline

    return Pipeline()


def below_floor(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Every score under its floor, as 'name: score < floor'. A kind nothing was measured
    for (no gold and nothing found) counts as 0."""
    return [
        f"{name}: {scores.get(name, 0.0):.3f} < {floor:.3f}"
        for name, floor in floors.items()
        if scores.get(name, 0.0) < floor
    ]


def test_floors_name_only_known_scores(floors: dict[str, Any]) -> None:
    # a misspelt name would never be checked, so the gate would pass silently
    assert set(floors["voa"]) <= set(KINDS) | set(EXACT_KINDS)
    assert set(floors["plover"]) <= {
        "type_in_extracted",
        "top_type",
        "source_match",
        "target_match",
    }
    polnear_names = {
        f"{component}_{metric}_f1"
        for component in eval_polnear.COMPONENTS
        for metric in ("exact", "overlap")
    }
    assert set(floors["polnear"]) <= polnear_names
    for group in ("voa", "plover", "polnear"):
        assert all(0.0 <= value <= 1.0 for value in floors[group].values())


def test_below_floor_reports_drops_and_unmeasured_kinds() -> None:
    drops = below_floor(
        {"events": 0.5, "places": 0.9}, {"events": 0.6, "places": 0.8, "times": 0.1}
    )
    assert drops == ["events: 0.500 < 0.600", "times: 0.000 < 0.100"]


def test_voa_gold_scores_stay_above_floors(floors: dict[str, Any], pipeline: Any) -> None:
    if not any((root / "voa" / "voa_stories.jsonl").exists() for root in corpora_roots(ROOT)):
        pytest.skip(f"VOA corpus absent (looked in {[str(r) for r in corpora_roots(ROOT)]})")
    golds = load_gold_dir(VOA_GOLD)
    assert golds, f"no gold files in {VOA_GOLD}"
    report = evaluate_gold(golds, pipeline=pipeline)
    print("\n" + report.table())
    drops = below_floor(report.headline(), floors["voa"])
    assert not drops, "VOA scores below floor:\n" + "\n".join(drops) + "\n" + report.table()


def test_plover_scores_stay_above_floors(floors: dict[str, Any], pipeline: Any) -> None:
    if not eval_plover.CORPUS.exists():
        pytest.skip(f"PLOVER gold standard absent: {eval_plover.CORPUS}")
    summary = eval_plover.results(*eval_plover.measure(eval_plover.load_plover(), pipeline))
    print("\n" + eval_plover.table(summary))
    drops = below_floor(summary, floors["plover"])
    assert not drops, "PLOVER scores below floor:\n" + "\n".join(drops)


def test_polnear_scores_stay_above_floors(floors: dict[str, Any], pipeline: Any) -> None:
    if not (eval_polnear.CORPUS / "test").is_dir():
        pytest.skip(f"PolNeAR absent: {eval_polnear.CORPUS}")
    docs = eval_polnear.load_polnear("test")
    summary = eval_polnear.results(*eval_polnear.measure(docs, pipeline))
    print("\n" + eval_polnear.table(summary))
    scores = {
        f"{component}_{metric}_f1": summary[component][metric]["f1"]
        for component in eval_polnear.COMPONENTS
        for metric in ("exact", "overlap")
    }
    drops = below_floor(scores, floors["polnear"])
    assert not drops, "PolNeAR scores below floor:\n" + "\n".join(drops)
