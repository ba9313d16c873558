"""The committed gold files stay valid: evidence quoted exactly, known types and measures,
and each file annotated and then checked by a second annotator."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from totor.evaluate import corpora_roots

GOLD = Path(__file__).parent / "gold"
spec = importlib.util.spec_from_file_location("validate_gold", GOLD / "validate_gold.py")
assert spec is not None and spec.loader is not None
validate_gold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(validate_gold)


def test_voa_gold_files_are_valid_and_checked_twice() -> None:
    corpus = next(
        (r / "voa" / "voa_stories.jsonl" for r in corpora_roots(GOLD) if (r / "voa").is_dir()),
        None,
    )
    if corpus is None:
        pytest.skip("VOA corpus absent (../shared/corpora/voa)")
    texts = validate_gold.load_texts(corpus)
    files = sorted((GOLD / "voa").glob("*.json"))
    assert len(files) >= 40
    problems = [p for path in files for p in validate_gold.problems(path, texts)]
    assert not problems, "\n".join(problems)
    for path in files:
        annotators = json.loads(path.read_text(encoding="utf-8"))["annotators"]
        assert any(a.startswith("pass1") for a in annotators), path.name
        assert any(a.startswith("check") for a in annotators), path.name
