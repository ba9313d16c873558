"""Build ``warc/2024-crawl-sample.warc.gz``: two HTML news pages as a crawler would store them.

Run from the repository root:  python samples/make_warc.py

The archive also holds what a real crawl has around the pages (a request record, a
robots.txt response, a PNG image) so readers can be checked to skip them. Record ids and
dates are fixed, so the output is the same on every run.
"""

from __future__ import annotations

import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent
OUTPUT = HERE / "warc" / "2024-crawl-sample.warc.gz"

KHAN_YOUNIS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Strike on Khan Younis tent camp kills at least 19, Gaza officials say | Coastline News</title>
<meta property="og:site_name" content="Coastline News">
<meta property="og:title" content="Strike on Khan Younis tent camp kills at least 19, Gaza officials say">
<meta property="article:published_time" content="2024-09-10T06:50:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/mideast">Middle East</a> <a href="/live">Live</a></nav>
<main><article>
<h1>Strike on Khan Younis tent camp kills at least 19, Gaza officials say</h1>
<p>KHAN YOUNIS, Gaza Strip - Israeli air strikes hit a crowded tent camp in the al-Mawasi area west of Khan Younis early on Tuesday, killing at least 19 people and wounding about 60, according to Gaza's civil defence agency, which said whole families had been buried in sand craters up to nine metres deep.</p>
<p>"We are still digging with our hands. There are people under the sand we cannot reach," civil defence spokesman Mahmoud Saqr told reporters at the scene. The agency had earlier given a toll of 40, which it later revised to 19, saying some bodies had been counted twice.</p>
<p>The Israeli military said its aircraft struck "significant Hamas terrorists" operating from a command and control centre hidden inside the humanitarian zone, and that it had taken steps to reduce harm to civilians, including the use of precise munitions. It named three commanders it said were targeted, including one it said took part in the October 7 attack.</p>
<p>Hamas denied that any of its fighters had been in the camp and called the army's account "a blatant lie" intended to justify the killing of displaced people.</p>
<p>Al-Mawasi, a strip of sand dunes and farmland along the coast, was declared a humanitarian zone by Israel early in the war. Hundreds of thousands of Palestinians driven from other parts of the territory now live there in makeshift shelters.</p>
<p>The Hamas-run health ministry says more than 41,000 Palestinians have been killed in Gaza since the war began.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Comments are closed for this article.</p></section>
</main>
<footer>&copy; 2024 Coastline News</footer>
</body></html>
"""

PORT_AU_PRINCE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Gangs attack police station in Port-au-Prince suburb; three officers killed - Caribbean Record</title>
<meta property="og:site_name" content="Caribbean Record">
<meta name="date" content="2024-03-05">
</head><body>
<div class="menu"><a href="/">Front page</a> | <a href="/haiti">Haiti</a> | <a href="/region">Region</a></div>
<div class="content">
<h1>Gangs attack police station in Port-au-Prince suburb; three officers killed</h1>
<div class="story">
<p>PORT-AU-PRINCE - Heavily armed gang members attacked a police station in the Port-au-Prince suburb of Cabaret overnight, killing three officers and setting the building on fire, Haiti's national police union said on Tuesday.</p>
<p>The union, SYNAPOHA, said about a dozen officers had been inside when the attackers arrived in pickup trucks shortly after midnight, and that at least four were wounded. Police spokesman Jean-Marc Pierre did not give a toll but said reinforcements had been sent to the area.</p>
<p>The attack was the latest in a wave of coordinated assaults by gangs on police stations, prisons and the international airport since last week. At the weekend gunmen stormed the capital's main prison and freed most of its roughly 3,800 inmates, according to the authorities. At least 12 people were killed in that assault.</p>
<p>"The gangs want to show that the state no longer exists," said Lionel Charles, a human rights worker in Port-au-Prince. "People are locking themselves in their houses."</p>
<p>The government declared a 72-hour state of emergency in the West department, which includes the capital, and imposed a night-time curfew. Some 15,000 people have fled their homes in the past few days, the International Organization for Migration said.</p>
</div>
<div class="share">Share this article</div>
</div>
<div class="foot">Caribbean Record. All rights reserved.</div>
</body></html>
"""

# 1x1 transparent PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def build(path: Path = OUTPUT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        pages = [
            ("https://coastline.example/mideast/2024/09/10/khan-younis-strike", KHAN_YOUNIS,
             "2024-09-10T09:12:03Z"),
            ("https://caribbeanrecord.example/haiti/2024/03/05/cabaret-police-station",
             PORT_AU_PRINCE, "2024-03-05T18:40:51Z"),
        ]
        for number, (url, html, crawled) in enumerate(pages):
            request = writer.create_warc_record(
                url,
                "request",
                payload=BytesIO(f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()),
                warc_headers_dict={"WARC-Date": crawled, "WARC-Record-ID": _record_id(url + "#req")},
            )
            writer.write_record(request)
            body = html.encode("utf-8")
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            response = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": crawled, "WARC-Record-ID": _record_id(url)},
            )
            writer.write_record(response)
            if number == 0:
                # furniture a crawl picks up between pages: not articles, must be skipped
                for extra_url, content_type, payload in (
                    ("https://coastline.example/robots.txt", "text/plain", b"User-agent: *\nAllow: /\n"),
                    ("https://coastline.example/static/pixel.png", "image/png", PNG),
                ):
                    extra = writer.create_warc_record(
                        extra_url,
                        "response",
                        payload=BytesIO(payload),
                        http_headers=StatusAndHeaders(
                            "200 OK",
                            [("Content-Type", content_type), ("Content-Length", str(len(payload)))],
                            protocol="HTTP/1.1",
                        ),
                        warc_headers_dict={"WARC-Date": crawled, "WARC-Record-ID": _record_id(extra_url)},
                    )
                    writer.write_record(extra)
    return path


if __name__ == "__main__":
    print(build())
