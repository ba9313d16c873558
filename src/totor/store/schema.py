"""The store's tables, as SQLAlchemy Core ``Table`` objects (one schema for SQLite and PostgreSQL).

The migrations in ``totor/store/migrations`` create these tables; this module is what the
queries are written against. docs/store.md describes every table and why it is shaped so.

Design notes
------------
* ``articles`` keeps every version of an article: ``content_hash`` (the hash of the
  normalised text, see :func:`totor.model.article_id`) is unique, so storing the same text
  twice is impossible; a changed text under the same URL (or the same input id) is a new row
  with ``version`` one higher, ``supersedes`` pointing at the previous row and ``current``
  moved to the new row.
* Items (entities, places, claims, figures, events, labels) are rows keyed by an integer
  ``pk`` and carry the record's own id (``e1``, ``v3``...) as ``key``. Events and figures
  repeat a few fields of their article and place (date, outlet, coordinates, ``current``):
  the common queries then read one table through one index, which is what keeps a store of
  a million events under 100 ms.
* Dates are ISO strings (``YYYY-MM-DD``): they sort and compare the same in both backends.
  ``events.date`` is ``''`` when unknown (never NULL) so keyset pagination on
  ``(date, pk)`` needs no NULL handling.
* Full-text search: SQLite gets an FTS5 table ``articles_fts`` (external content over
  ``articles``, kept in step by triggers); PostgreSQL gets a generated ``tsvector`` column
  ``articles.search`` with a GIN index. Both are created by the migration, not listed here,
  because they exist in one backend only.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def _article_fk() -> ForeignKey:
    return ForeignKey("articles.pk", ondelete="CASCADE")


articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, index=True),
    Column("content_hash", String(16), nullable=False, unique=True),
    Column("url", Text, index=True),
    Column("outlet", String(200), index=True),
    Column("title", Text),
    Column("published", String(40)),
    Column("published_date", String(10), index=True),
    Column("language", String(8), nullable=False, default="en"),
    Column("text", Text, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("current", Boolean, nullable=False, default=True),
    Column("supersedes", Integer, ForeignKey("articles.pk")),
    Column("source", Text),
    Column("ingested_at", String(32), nullable=False),
    # the record's items as JSON (times included), so an article round-trips exactly
    Column("record", JSON, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, _article_fk(), nullable=False, index=True),
    Column("key", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_norm", Text, nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("country", String(2)),
    Column("aliases", JSON, nullable=False),
    Column("mentions", JSON, nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, _article_fk(), nullable=False, index=True),
    Column("key", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_norm", Text, nullable=False, index=True),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("feature", String(20), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("mentions", JSON, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, _article_fk(), nullable=False, index=True),
    Column("key", String(16), nullable=False),
    Column("speaker", Text, nullable=False),
    Column("speaker_entity", String(16)),
    # canonical name of the speaking entity when known, else the speaker text
    Column("speaker_name", Text, nullable=False),
    Column("cue", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

figures = Table(
    "figures",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, _article_fk(), nullable=False, index=True),
    Column("key", String(16), nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("approx", Boolean, nullable=False),
    Column("unit", String(20), nullable=False),
    Column("measure", String(20), nullable=False),
    Column("subject", Text, nullable=False),
    Column("subject_name", Text),
    Column("place_name", Text),
    Column("place_norm", Text),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("date", String(10), nullable=False),
    Column("claim_key", String(16)),
    Column("speaker", Text),
    Column("outlet", String(200)),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("current", Boolean, nullable=False),
    Index("ix_figures_measure_date", "measure", "date", "pk"),
    Index("ix_figures_date", "date", "pk"),
    Index("ix_figures_place_norm", "place_norm"),
    Index("ix_figures_country", "country", "date"),
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, _article_fk(), nullable=False, index=True),
    Column("key", String(16), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", String(40)),
    Column("status", String(16), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("date", String(10), nullable=False),
    Column("date_end", String(10)),
    Column("outlet", String(200)),
    Column("place_name", Text),
    Column("place_norm", Text),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("feature", String(20)),
    Column("actors", JSON, nullable=False),  # canonical names
    Column("targets", JSON, nullable=False),
    Column("figure_keys", JSON, nullable=False),
    Column("claim_key", String(16)),
    Column("speaker", Text),
    Column("trigger_text", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("current", Boolean, nullable=False),
    Index("ix_events_date", "date", "pk"),
    Index("ix_events_type_date", "type", "date", "pk"),
    Index("ix_events_outlet_date", "outlet", "date", "pk"),
    Index("ix_events_country_date", "country", "date", "pk"),
    Index("ix_events_place_norm", "place_norm", "date"),
    Index("ix_events_lat_lon", "lat", "lon"),
    Index("ix_events_status", "status", "date"),
)

# one row per (event, role, actor): the index behind the actor / target filters
event_actors = Table(
    "event_actors",
    metadata,
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    Column("role", String(8), primary_key=True),  # "actor" | "target"
    Column("name_norm", Text, primary_key=True),
    Column("kind", String(20)),
    Column("country", String(2)),
    Index("ix_event_actors_name", "name_norm", "role", "event_pk"),
)

labels = Table(
    "labels",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_pk", Integer, _article_fk(), nullable=False, index=True),
    Column("key", String(16), nullable=False),
    Column("term", Text, nullable=False),
    Column("term_norm", Text, nullable=False, index=True),
    Column("refers_to", String(16)),
    Column("refers_to_name", Text),
    Column("claim_key", String(16)),
    Column("speaker", Text),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

clusters = Table(
    "clusters",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("type", String(16), nullable=False),
    Column("date_start", String(10), nullable=False),
    Column("date_end", String(10), nullable=False),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("n_events", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    # what each source says: see totor.fuse.Cluster.to_dict
    Column("summary", JSON, nullable=False),
    Index("ix_clusters_date", "date_start", "pk"),
)

cluster_events = Table(
    "cluster_events",
    metadata,
    Column("cluster_pk", Integer, ForeignKey("clusters.pk", ondelete="CASCADE"), primary_key=True),
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    Index("ix_cluster_events_event", "event_pk"),
)

failures = Table(
    "failures",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("problem", Text, nullable=False),
    Column("stage", String(16), nullable=False),  # "read" | "process" | "store"
    Column("attempts", Integer, nullable=False, default=1),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Column("resolved", Boolean, nullable=False, default=False),
    UniqueConstraint("source", "problem", name="uq_failures_source_problem"),
)

# small key/value facts about the store (e.g. when clusters were last computed)
meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

ITEM_TABLES = (entities, places, claims, figures, events, labels)
