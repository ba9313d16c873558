"""Each reader on the bundled samples and on small inputs written here; content sniffing."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from totor.readers import Document, ReadError, ReadOptions, read_bytes, read_file, read_sources
from totor.readers.detect import Format, sniff

OPTIONS = ReadOptions()

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Convoy attacked near Goma | Lake Kivu Times</title>
<meta property="og:site_name" content="Lake Kivu Times">
<meta property="og:title" content="Convoy attacked near Goma">
<meta property="article:published_time" content="2024-02-12T07:00:00Z">
</head><body>
<nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav>
<article><h1>Convoy attacked near Goma</h1>
<p>Gunmen fired on a convoy of aid trucks north of Goma on Sunday, wounding two drivers, the
World Food Programme said in a statement on Monday.</p>
<p>The agency said the trucks had been carrying maize flour and beans for about 20,000 people
in camps at Kibati and that the convoy had turned back to the city.</p>
<p>"We condemn this attack on humanitarian workers," the statement said.</p>
</article>
<div class="comments"><h3>Comments</h3><p>Reader one: terrible news from Kivu again.</p></div>
<footer>© 2024 Lake Kivu Times. All rights reserved.</footer>
</body></html>"""


def documents(items: list[Document | ReadError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors(items: list[Document | ReadError]) -> list[ReadError]:
    return [item for item in items if isinstance(item, ReadError)]


def _one(items: list[Document | ReadError]) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


# --- samples ------------------------------------------------------------------------


def test_whole_sample_folder_reads_without_errors(samples: Path) -> None:
    items = list(read_sources([str(samples)], OPTIONS))
    assert errors(items) == []
    docs = documents(items)
    assert len(docs) >= 14
    for doc in docs:
        assert doc.title, doc.source
        assert doc.published and doc.published[:4] == "2024", doc.source
        words = len(doc.text.split())
        assert 150 <= words <= 450, (doc.source, words)
    # README.md and make_warc.py sit in the folder but are not articles
    assert not any(doc.source.endswith((".md", ".py")) for doc in docs)


def test_rafah_sample(samples: Path) -> None:
    doc = _one(list(read_file(samples / "text" / "2024-05-07-rafah-tanks.txt")))
    assert doc.published == "2024-05-07"
    assert doc.title is not None and "RAFAH" in doc.title
    assert doc.meta["byline"].startswith("Daniel Marsh")
    assert not doc.text.rstrip().endswith("Comments")
    for fact in ("20 terrorists", "more than 34,500", "1,200", "250", "Rafah crossing"):
        assert fact in doc.text
    assert "\n\n" in doc.text


def test_html_samples_drop_page_furniture(samples: Path) -> None:
    doc = _one(list(read_file(samples / "html" / "2024-11-28-hostage-deal-talks.html")))
    assert doc.title == "Hostage families press for deal as 101 remain in Gaza"
    assert doc.outlet == "The Meridian Post"
    assert doc.published is not None and doc.published.startswith("2024-11-28")
    assert doc.text.startswith("TEL AVIV")
    for furniture in ("Subscribe", "kibbutznik77", "Related stories", "Sign up", "All rights"):
        assert furniture not in doc.text
    assert "101 hostages" in doc.text


def test_jsonl_sample_reads_aliases(samples: Path) -> None:
    first, second = documents(list(read_file(samples / "jsonl" / "2024-06-wire-batch.jsonl")))
    assert first.source.endswith(":1") and second.source.endswith(":2")
    assert first.id == "wire-2024-06-24-eu-sanctions"
    assert first.published == "2024-06-24T16:20:00+02:00"
    assert second.published == "2024-06-26"  # from "date"
    assert second.outlet == "Northwire"  # from "source": {"name": ...}
    assert second.text.startswith("PORT-AU-PRINCE")  # from "body"


def test_feed_sample(samples: Path) -> None:
    items = documents(list(read_file(samples / "feeds" / "horizon-world.rss")))
    assert [doc.outlet for doc in items] == ["Horizon Daily - World"] * 2
    denial = items[0]
    assert denial.title == "Sudan army denies bombing Khartoum market as toll rises"
    assert denial.published == "2024-09-16T11:15:00+00:00"
    assert denial.url is not None and denial.url.startswith("https://horizondaily.example/")
    assert "<p>" not in denial.text and "\n\n" in denial.text
    assert "Read more" not in denial.text  # furniture line at the end of the entry


def test_warc_sample_skips_non_html_records(samples: Path) -> None:
    items = list(read_file(samples / "warc" / "2024-crawl-sample.warc.gz"))
    docs = documents(items)
    assert errors(items) == []
    assert [doc.url for doc in docs] == [
        "https://coastline.example/mideast/2024/09/10/khan-younis-strike",
        "https://caribbeanrecord.example/haiti/2024/03/05/cabaret-police-station",
    ]
    assert docs[0].outlet == "Coastline News"
    assert docs[1].published == "2024-03-05"
    assert "robots" not in " ".join(doc.text for doc in docs)


# --- small inputs ---------------------------------------------------------------------


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = _one(list(read_file(path)))
    assert doc.title == "Convoy attacked near Goma"
    assert doc.outlet == "Lake Kivu Times"
    assert doc.published is not None and doc.published.startswith("2024-02-12")
    assert doc.text.startswith("Gunmen fired on a convoy")
    assert "Reader one" not in doc.text and "Sport" not in doc.text
    assert len(doc.text.split("\n\n")) == 3


def test_short_html_fragment_falls_back_to_markup_walk() -> None:
    html = "<div><p>Troops arrived in Goma on Friday.</p><p>No shots were fired.</p></div>"
    doc = _one(list(read_bytes(html, "snippet")))
    assert doc.text == "Troops arrived in Goma on Friday.\n\nNo shots were fired."


def test_html_named_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(PAGE, encoding="utf-8")
    doc = _one(list(read_file(path)))
    assert doc.outlet == "Lake Kivu Times"
    assert "<p>" not in doc.text and "Home" not in doc.text


def test_jsonl_without_extension_is_read_as_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dump"
    records = [
        {"id": "a1", "text": "Troops crossed into the town of Sake on Monday, officials said."},
        {"id": "a2", "text": "A second record, about the convoy to Kibati, arrived later."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    docs = documents(list(read_file(path)))
    assert [doc.id for doc in docs] == ["a1", "a2"]
    assert docs[1].source == f"{path}:2"


def test_json_list_and_single_object(tmp_path: Path) -> None:
    records = [
        {"headline": "Curfew lifted", "content": "The army lifted the curfew in Dhaka on Sunday."},
        {"title": "Port reopens", "text": "The port of Odesa reopened on Monday after repairs."},
    ]
    listing = tmp_path / "list.json"
    listing.write_text(json.dumps(records, indent=2), encoding="utf-8")
    docs = documents(list(read_file(listing)))
    assert [doc.title for doc in docs] == ["Curfew lifted", "Port reopens"]
    assert docs[0].source == f"{listing}[1]"
    single = tmp_path / "one.json"
    single.write_text(json.dumps(records[1], indent=2), encoding="utf-8")
    assert _one(list(read_file(single))).title == "Port reopens"
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"status": "ok", "articles": records}), encoding="utf-8")
    assert len(documents(list(read_file(wrapped)))) == 2


def test_json_text_with_markup_is_flattened() -> None:
    record = {"text": "<p>Police arrested 14 people in Tbilisi.</p><p>All were released.</p>"}
    doc = _one(list(read_bytes(json.dumps(record), "api")))
    assert doc.text == "Police arrested 14 people in Tbilisi.\n\nAll were released."


def test_json_extra_fields_go_to_meta() -> None:
    record = {"text": "Police arrested 14 people in Tbilisi on Friday.", "language": "en"}
    record["date"] = "sometime soon"
    doc = _one(list(read_bytes(json.dumps(record), "api")))
    assert doc.meta["language"] == "en"
    assert doc.published is None and doc.meta["published_raw"] == "sometime soon"


def test_atom_feed(tmp_path: Path) -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kivu Wire</title>
  <entry>
    <title>Shelling near Sake</title>
    <link href="https://kivuwire.example/sake"/>
    <id>tag:kivuwire.example,2024:1</id>
    <updated>2024-02-07T10:00:00Z</updated>
    <content type="html">&lt;p&gt;Shells landed near Sake on Wednesday, wounding five people, medics said.&lt;/p&gt;</content>
  </entry>
</feed>"""
    path = tmp_path / "kivu.xml"
    path.write_text(atom, encoding="utf-8")
    doc = _one(list(read_file(path)))
    assert doc.outlet == "Kivu Wire"
    assert doc.url == "https://kivuwire.example/sake"
    assert doc.published == "2024-02-07T10:00:00+00:00"
    assert doc.text == "Shells landed near Sake on Wednesday, wounding five people, medics said."


def test_plain_warc_and_gzipped_text(tmp_path: Path, samples: Path) -> None:
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(
        gzip.decompress((samples / "warc" / "2024-crawl-sample.warc.gz").read_bytes())
    )
    assert len(documents(list(read_file(plain)))) == 2
    packed = tmp_path / "article.txt.gz"
    packed.write_bytes(gzip.compress(b"Quake in Herat\n\nThe quake struck at dawn on Saturday."))
    doc = _one(list(read_file(packed)))
    assert doc.title == "Quake in Herat"


def test_latin1_text_decodes_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café owners in Goma said prices rose by 20%.".encode("cp1252"))
    assert _one(list(read_file(path))).text == "Café owners in Goma said prices rose by 20%."


def test_html_declared_charset_is_used() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Goma on", "Gomá on")
    doc = _one(list(read_bytes(page.encode("iso-8859-1"), "legacy.html")))
    assert doc.title == "Convoy attacked near Goma"


def test_utf16_text_with_bom() -> None:
    data = "Flood toll rises\n\nAt least 30 people died, officials said.".encode("utf-16")
    assert _one(list(read_bytes(data, "u16"))).title == "Flood toll rises"


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"Plain words about a strike in Odesa.", "a.html", Format.TEXT),
        (b"<!doctype html><html><p>x</p></html>", "a.txt", Format.HTML),
        (b"  <html><body>x</body></html>", "", Format.HTML),
        (b'{"text": "a"}\n{"text": "b"}\n', "", Format.JSONL),
        (b'{\n  "text": "a"\n}', "x.jsonl", Format.JSON),
        (b'[{"text": "a"}]', "", Format.JSON),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "x.txt", Format.FEED),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "", Format.FEED),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "x.txt", Format.WARC),
        (gzip.compress(b"WARC/1.1\r\n"), "", Format.WARC),
        (gzip.compress(b"plain text"), "", Format.GZIP),
        (b"Intro text <p>one</p> <p>two</p> <br> more", "", Format.HTML),
    ],
)
def test_sniff(head: bytes, name: str, expected: Format) -> None:
    assert sniff(head, name) is expected


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Quake in Herat\n\nThe quake struck at dawn on Saturday."))
    monkeypatch.setattr("sys.stdin", fake)
    doc = _one(list(read_sources(["-"], OPTIONS)))
    assert doc.source == "<stdin>" and doc.title == "Quake in Herat"
