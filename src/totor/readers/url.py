"""Articles on the web: fetch one URL (httpx), bounded in time and size."""

from __future__ import annotations

from dataclasses import dataclass

from totor.readers.base import ReaderError, ReadOptions


@dataclass(frozen=True)
class Fetched:
    """The body of a successful response, for the format sniffer."""

    body: bytes
    url: str  # after redirects
    charset: str | None  # from the Content-Type header


def is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def fetch(url: str, options: ReadOptions) -> Fetched:
    """GET ``url``; ``ReaderError`` on network failure, HTTP error status or oversize body.

    The body is streamed and the download stops as soon as it passes ``options.max_bytes``,
    so a huge or endless response cannot fill memory.
    """
    import httpx

    limit = options.max_bytes
    try:
        with (
            httpx.Client(
                timeout=options.timeout,
                headers={"User-Agent": options.user_agent},
                follow_redirects=True,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise ReaderError(f"HTTP {response.status_code} {reason}")
            declared_length = response.headers.get("Content-Length", "")
            if declared_length.isdigit() and int(declared_length) > limit:
                raise ReaderError(
                    f"response of {int(declared_length):,} bytes is larger than max_bytes "
                    f"({limit:,} bytes)"
                )
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > limit:
                    raise ReaderError(f"response larger than max_bytes ({limit:,} bytes)")
                chunks.append(chunk)
            return Fetched(b"".join(chunks), str(response.url), response.charset_encoding)
    except httpx.TimeoutException as exc:
        raise ReaderError(f"timed out after {options.timeout:g} s") from exc
    except httpx.ConnectError as exc:
        raise ReaderError(f"cannot connect: {_short(exc)}") from exc
    except httpx.TooManyRedirects as exc:
        raise ReaderError("too many redirects") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise ReaderError(f"request failed: {_short(exc)}") from exc


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
