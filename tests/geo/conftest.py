"""The gazetteer index for the geo tests: built once per session in a temporary cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from totor.geo.build import build_index
from totor.geo.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.getbasetemp() / "totor-cache"
    previous = os.environ.get("TOTOR_CACHE")
    os.environ["TOTOR_CACHE"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("TOTOR_CACHE", None)
    else:
        os.environ["TOTOR_CACHE"] = previous


@pytest.fixture(scope="session")
def index(cache_dir: Path) -> Path:
    return build_index()


@pytest.fixture(scope="session")
def gazetteer(index: Path) -> Gazetteer:
    return Gazetteer(index)
