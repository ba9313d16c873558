"""HTML pages: main text, title, date and outlet through trafilatura.

Pages too short for trafilatura's main-text heuristics (and the HTML snippets inside feed
entries) fall back to a plain walk of the markup that keeps block structure as paragraphs.
"""

from __future__ import annotations

import re

from totor.readers.base import Document, ReaderError
from totor.readers.text import clean_text, has_words, normalise_date, strip_furniture

# Markup that is never article text, for the fallback walk.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "svg",
    "iframe",
    "figure",
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "ul",
        "ol",
        "figcaption",
        "address",
    ]
)
_NEWLINES = re.compile(r"\n+")


def read_html(
    html: str, source: str, url: str | None = None, outlet: str | None = None
) -> Document:
    """A ``Document`` from a whole HTML page."""
    import trafilatura  # heavy import; only pay for it when HTML comes in

    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    title: str | None = None
    published: str | None = None
    site: str | None = None
    page_url: str | None = url
    text = ""
    meta: dict[str, str] = {}
    if extracted is not None:
        title = _clean_field(getattr(extracted, "title", None))
        published = normalise_date(getattr(extracted, "date", None))
        site = _clean_field(getattr(extracted, "sitename", None))
        page_url = url or _clean_field(getattr(extracted, "url", None))
        author = _clean_field(getattr(extracted, "author", None))
        if author:
            meta["byline"] = author
        # trafilatura puts one paragraph on each line; totor separates paragraphs by a
        # blank line, like the plain-text reader does.
        text = _NEWLINES.sub("\n\n", getattr(extracted, "text", None) or "")
    text = _tidy(text, title)
    if not has_words(text):
        text = _tidy(fragment_to_text(html, whole_page=True), title)
        meta["extractor"] = "fallback"
    if not has_words(text):
        raise ReaderError("no extractable text in HTML")
    return Document(
        text=text,
        source=source,
        title=title or _title_tag(html),
        url=page_url,
        published=published,
        outlet=outlet or site,
        meta=meta,
    )


def fragment_to_text(html: str, whole_page: bool = False) -> str:
    """Readable text of an HTML snippet (or a whole page when trafilatura found nothing)."""
    if "<" not in html:
        return clean_text(html)
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = (
            lxml_html.document_fromstring(html)
            if whole_page
            else lxml_html.fragment_fromstring(html, create_parent="div")
        )
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in root.iter(etree.Element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
            if element.text:
                element.text = "\n\n" + element.text
    return clean_text(root.text_content())


def _tidy(text: str, title: str | None) -> str:
    text = clean_text(text)
    if title:
        # Pages repeat the headline as the first line of the article body.
        first, _, rest = text.partition("\n\n")
        if first.strip().casefold() == title.strip().casefold() and rest:
            text = rest
    return strip_furniture(text)


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _title_tag(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    if not match:
        return None
    import html as html_entities

    return _clean_field(html_entities.unescape(match.group(1)))
