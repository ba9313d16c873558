"""totor's spaCy components. Importing this package registers every factory."""

from totor.nlp.extensions import DOC_EXTENSIONS, register_extensions

register_extensions()

__all__ = ["DOC_EXTENSIONS", "register_extensions"]
