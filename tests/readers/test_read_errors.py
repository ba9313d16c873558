"""Bad inputs: each gives one clear ReadError naming the input, and the batch goes on."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from totor.readers import Document, ReadError, ReadOptions, read_file, read_sources

GOOD = "Quake in Herat\n\nThe quake struck before dawn on Saturday, officials said."
PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"


def documents(items: list[Document | ReadError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors(items: list[Document | ReadError]) -> list[ReadError]:
    return [item for item in items if isinstance(item, ReadError)]


def _only_error(path: Path, options: ReadOptions | None = None) -> ReadError:
    items = list(read_sources([str(path)], options or ReadOptions()))
    assert len(items) == 1 and isinstance(items[0], ReadError), items
    error = items[0]
    assert str(path) in error.source
    assert "\n" not in str(error)
    return error


def test_missing_file(tmp_path: Path) -> None:
    error = _only_error(tmp_path / "nowhere.txt")
    assert error.problem == "no such file or directory"


def test_glob_without_matches(tmp_path: Path) -> None:
    assert "no files match" in _only_error(tmp_path / "*.jsonl").problem


@pytest.mark.parametrize(
    ("content", "problem"), [(b"", "empty file"), (b" \n\t\r\n  \n", "only whitespace")]
)
def test_empty_and_whitespace(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    assert problem in _only_error(path).problem


def test_png_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(PNG_HEAD + bytes(range(256)))
    assert "PNG image" in _only_error(path).problem


def test_zip_archive(tmp_path: Path) -> None:
    path = tmp_path / "articles.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", GOOD)
    assert "zip archive" in _only_error(path).problem


def test_nul_bytes_and_control_characters(tmp_path: Path) -> None:
    nul = tmp_path / "dump.bin"
    nul.write_bytes(b"Some words\x00\x00\x00 and more words")
    assert "NUL" in _only_error(nul).problem
    control = tmp_path / "noise.txt"
    control.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20 + b"text")
    assert "control characters" in _only_error(control).problem


def test_damaged_utf8_is_an_error_not_mojibake(tmp_path: Path) -> None:
    # Valid UTF-8 ("é", "–") with one stray byte: a cp1252 decode would give "Ã©".
    data = "Café owners – in Goma".encode() + b" said \xff prices rose."
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    error = _only_error(path)
    assert "invalid UTF-8 at byte" in error.problem
    assert str(data.index(b"\xff")) in error.problem


def test_file_larger_than_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(GOOD + "\n\n" + "More words here. " * 200, encoding="utf-8")
    error = _only_error(path, ReadOptions(max_bytes=1000))
    assert "larger than max_bytes" in error.problem
    assert "1,000" in error.problem


def test_jsonl_bad_lines_named_by_number_good_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "1", "text": "Police detained nine people in Tbilisi on Friday."}),
        '{"id": "2", "text": "unterminated',
        json.dumps({"id": "3", "title": "No body here"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "5", "text": "   "}),
        json.dumps({"id": "6", "text": "The rally ended peacefully on Saturday, organisers said."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_file(path))
    assert [item.id for item in documents(items)] == ["1", "6"]
    messages = [str(error) for error in errors(items)]
    assert messages[0].startswith(f"{path}:2: invalid JSON: ")
    assert messages[1] == f"{path}:3: record has no text"
    assert messages[2] == f"{path}:4: record is a JSON list, not an object"
    assert messages[3] == f"{path}:5: record text is empty"
    # order is kept: good, bad..., good
    assert isinstance(items[0], Document) and isinstance(items[-1], Document)


def test_jsonl_record_larger_than_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = json.dumps({"text": "word " * 500})
    small = json.dumps({"text": "Troops left the city on Monday, witnesses said."})
    path.write_text(big + "\n" + small + "\n", encoding="utf-8")
    items = list(read_file(path, ReadOptions(max_bytes=1000)))
    assert isinstance(items[0], ReadError) and "max_bytes" in items[0].problem
    assert isinstance(items[1], Document)


def test_malformed_json_document_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "title": "x",\n  "text": "y"\n  "url": 3\n}', encoding="utf-8")
    error = _only_error(path)
    assert error.problem.startswith("invalid JSON at line 4")


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><head><script>var x = 1;</script></head><body><div><<<</", encoding="utf-8"
    )
    assert _only_error(path).problem == "no extractable text in HTML"


def test_malformed_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>X</ti', encoding="utf-8"
    )
    assert _only_error(path).problem.startswith("malformed feed XML")


def test_feed_entry_without_text_is_an_error_for_that_entry(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Empty</title><link>https://w.example/1</link></item>"
        "<item><title>Full</title><description>Rebels took the town of Sake, residents said."
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    items = list(read_file(path))
    assert isinstance(items[0], ReadError) and items[0].source == f"{path}#1"
    assert items[0].problem == "feed entry has no text"
    assert isinstance(items[1], Document) and items[1].title == "Full"


@pytest.mark.parametrize("compressed", [False, True])
def test_truncated_warc_keeps_records_before_the_damage(
    tmp_path: Path, samples: Path, compressed: bool
) -> None:
    packed = (samples / "warc" / "2024-crawl-sample.warc.gz").read_bytes()
    if compressed:
        path, data = tmp_path / "cut.warc.gz", packed[:-700]
    else:
        plain = gzip.decompress(packed)
        path, data = tmp_path / "cut.warc", plain[: plain.rindex(b"<h1>")]
    path.write_bytes(data)
    items = list(read_file(path))
    assert len(items) == 2
    first, damage = items
    assert isinstance(first, Document)
    assert first.url == "https://coastline.example/mideast/2024/09/10/khan-younis-strike"
    assert isinstance(damage, ReadError)
    assert damage.source.startswith(f"{path}#")
    assert damage.problem.startswith("broken WARC: record truncated")


def test_garbage_after_warc_magic(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nthis is not a warc record\r\n\r\n" + b"x" * 50))
    items = list(read_file(path))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert "WARC" in items[0].problem


def test_bad_file_between_two_good_ones(tmp_path: Path) -> None:
    first, bad, last = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    first.write_text(GOOD, encoding="utf-8")
    bad.write_bytes(PNG_HEAD)
    last.write_text("Floods in Sylhet\n\nRivers rose again on Sunday.", encoding="utf-8")
    items = list(read_sources([str(first), str(bad), str(last)], ReadOptions()))
    assert [type(item) for item in items] == [Document, ReadError, Document]
    assert items[1].source == str(bad)
    # the same through a folder walk, in name order
    walked = list(read_sources([str(tmp_path)], ReadOptions()))
    assert [type(item) for item in walked] == [Document, ReadError, Document]
    # and through a glob
    globbed = list(read_sources([str(tmp_path / "*.txt")], ReadOptions()))
    assert [type(item) for item in globbed] == [Document, ReadError, Document]


def test_folder_walk_skips_hidden_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_sources([str(tmp_path)], ReadOptions()))
    assert [item.source for item in items] == [str(tmp_path / "sub" / "story.txt")]
