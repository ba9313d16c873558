"""totor's store: a SQLite file by default, PostgreSQL by URL, one schema with migrations.

The web layer and the CLI read it through :mod:`totor.store.queries` (or the ``Corpus``
class in :mod:`totor.corpus`, which wraps both).
"""

from totor.store.core import DEFAULT_DB, Store, database_url
from totor.store.queries import EventFilters, FigureFilters, Page

__all__ = ["DEFAULT_DB", "EventFilters", "FigureFilters", "Page", "Store", "database_url"]
