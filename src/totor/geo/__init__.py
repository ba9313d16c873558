"""Offline gazetteer: build once into a local index, look names up fast, resolve toponyms."""

from totor.geo.build import build_index, index_path
from totor.geo.gazetteer import Candidate, Gazetteer, shared_gazetteer
from totor.geo.normalise import normalise

__all__ = ["Candidate", "Gazetteer", "build_index", "index_path", "normalise", "shared_gazetteer"]
