"""Build the spaCy pipeline: the base model plus totor's components, in order."""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from totor.options import DEFAULT_MODELS, PipelineOptions

#: totor's components in the order they run. Later ones read what earlier ones assign.
COMPONENTS: tuple[str, ...] = (
    "totor_places",
    "totor_actors",
    "totor_times",
    "totor_claims",
    "totor_labels",
    "totor_figures",
    "totor_events",
)

#: components that prepare the parse, added before the model's parser
PRE_PARSER: tuple[str, ...] = ("totor_lines",)

#: modules that register the factories above
_COMPONENT_MODULES = (
    "totor.nlp.lines",
    "totor.nlp.places",
    "totor.nlp.actors",
    "totor.nlp.times",
    "totor.nlp.claims",
    "totor.nlp.labels",
    "totor.nlp.figures",
    "totor.nlp.events",
)


class ModelNotFound(RuntimeError):
    """No usable spaCy model is installed."""


def register_components() -> None:
    """Import every component module so its factory is registered with spaCy."""
    for module in _COMPONENT_MODULES:
        importlib.import_module(module)


def resolve_model(name: str | None) -> str:
    """The model to load: the configured one, else the first installed default."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no spaCy English model is installed; install the project (pip install .) "
        f"or set TOTOR_MODEL. Tried: {', '.join(DEFAULT_MODELS)}"
    )


def build_nlp(options: PipelineOptions | None = None) -> Language:
    """A fresh pipeline: base model, then totor's components."""
    options = options or PipelineOptions()
    register_components()
    model = resolve_model(options.model)
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelNotFound(f"spaCy model {model!r} could not be loaded: {error}") from error
    for name in PRE_PARSER:
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
    for name in options.components or COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def shared_nlp(options: PipelineOptions | None = None) -> Language:
    """One pipeline per options, built on first use and kept (models take a second to load)."""
    return build_nlp(options)
