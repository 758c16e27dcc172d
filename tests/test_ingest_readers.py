"""Readers: .txt, .html, .jsonl, WARC, gzip, folders, globs, stdin; dates, ids, language."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from tidings.ingest import expand_paths, read_inputs
from tidings.records import Article, Reject, article_id

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
FIX = REPO / "tests" / "fixtures" / "ingest"

WIRE = (
    "Chad and Niger agree joint border patrols\n\n"
    "N'DJAMENA (Reuters) - Chad and Niger agreed on Thursday to launch joint patrols along their border "
    "after the defence ministers of the two countries met in N'Djamena.\n\n"
    "Niger's defence minister said the patrols would begin next month. He accused armed groups of using "
    "the border to smuggle weapons.\n"
)

HTML = """<!doctype html><html><head><title>Envoys meet in Oslo | Example Times</title>
<meta name="author" content="Kari Nordmann">
<meta property="article:published_time" content="2025-01-15T08:00:00+00:00">
<meta property="og:site_name" content="Example Times"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Envoys meet in Oslo</h1>
<p>OSLO (AP) - Envoys from Colombia and Venezuela met in Oslo on Tuesday for talks on border security, the Norwegian foreign ministry said.</p>
<p>The Colombian envoy said the two governments had agreed to reopen two crossings and would meet again in March to discuss trade.</p>
</article><footer>Copyright 2025 Example Times</footer></body></html>"""


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_text_page(tmp_path):
    p = tmp_path / "wire.txt"
    p.write_text(WIRE, encoding="utf-8")
    a = only(read_inputs([str(p)]))
    assert isinstance(a, Article)
    assert a.title == "Chad and Niger agree joint border patrols"
    assert (a.dateline.place, a.dateline.agency) == ("N'DJAMENA", "Reuters")
    assert a.body.startswith("Chad and Niger agreed on Thursday")
    assert a.body.endswith("to smuggle weapons.")
    assert a.source_path == str(p) and a.locator is None
    assert a.language == "en"
    assert a.raw == WIRE
    assert a.id == article_id(a.body)


def test_same_story_reingested_gets_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    messy = WIRE.replace("\n\n", "\r\n\r\n").replace(" Thursday", "  Thursday").replace("CHAD", "chad")
    (tmp_path / "b.txt").write_text(messy.upper().replace("(REUTERS)", "(Reuters)"), encoding="utf-8")
    a, b = list(read_inputs([str(tmp_path)]))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id


def test_cp1252_text_page_falls_back(tmp_path):
    text = WIRE.replace("Chad and Niger agreed", "Chad and Niger – in a café meeting – agreed")
    p = tmp_path / "old.txt"
    p.write_bytes(text.encode("cp1252"))
    a = only(read_inputs([str(p)]))
    assert isinstance(a, Article)
    assert "– in a café meeting –" in a.body


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(WIRE.encode("utf-16"))
    a = only(read_inputs([str(p)]))
    assert isinstance(a, Article) and a.dateline.agency == "Reuters"


def test_html_page(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    a = only(read_inputs([str(p)], pub_date="2025-02-01"))
    assert isinstance(a, Article)
    assert a.title == "Envoys meet in Oslo"
    assert a.author == "Kari Nordmann"
    assert a.pub_date == "2025-01-15" and a.pub_date_source == "html"
    assert (a.dateline.place, a.dateline.agency) == ("OSLO", "AP")
    assert a.body.startswith("Envoys from Colombia and Venezuela met in Oslo")
    assert "Home" not in a.body and "Copyright" not in a.body
    assert any("Copyright 2025 Example Times" in b for b in a.boilerplate)
    assert any("World" in b for b in a.boilerplate)
    assert a.outlet == "Example Times"
    assert a.raw == HTML


def test_html_without_date_uses_cli(tmp_path):
    p = tmp_path / "nodate.htm"
    p.write_text(HTML.replace('<meta property="article:published_time" content="2025-01-15T08:00:00+00:00">', ""))
    a = only(read_inputs([str(p)], pub_date="2025-02-01"))
    assert isinstance(a, Article)
    assert (a.pub_date, a.pub_date_source) == ("2025-02-01", "cli")


def test_html_detected_by_content_without_extension(tmp_path):
    p = tmp_path / "download"
    p.write_text(HTML)
    a = only(read_inputs([str(p)]))
    assert isinstance(a, Article) and a.title == "Envoys meet in Oslo"


def _jsonl_lines():
    return [
        {"id": "x1", "title": "Talks", "url": "https://e.example/1", "date": "2025-03-02T10:00:00Z", "outlet": "E",
         "text": "BEIRUT (Reuters) - Lebanon and Cyprus signed a maritime agreement on Monday, officials said."},
        {"id": 7, "text": "The president of Kenya visited Uganda on Friday and met his counterpart in Kampala."},
        {"text": "Germany summoned the Russian ambassador on Tuesday over a cyber attack on its parliament."},
    ]


def test_jsonl(tmp_path):
    p = tmp_path / "recs.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in _jsonl_lines()) + "\n\n")
    a, b, c = list(read_inputs([str(p)], pub_date="2025-03-05"))
    assert isinstance(a, Article) and isinstance(b, Article) and isinstance(c, Article)
    assert (a.input_id, a.locator, a.title, a.url, a.outlet) == ("x1", "line 1", "Talks", "https://e.example/1", "E")
    assert (a.pub_date, a.pub_date_source) == ("2025-03-02", "metadata")
    # text is an already extracted body: not split again, only the wire lead-in is cut off
    assert a.body == "Lebanon and Cyprus signed a maritime agreement on Monday, officials said."
    assert a.raw == _jsonl_lines()[0]["text"]
    assert (a.dateline.place, a.dateline.agency, a.dateline.text) == ("BEIRUT", "Reuters", "BEIRUT (Reuters) -")
    assert b.body == _jsonl_lines()[1]["text"]
    assert (b.input_id, b.locator, b.pub_date, b.pub_date_source) == ("7", "line 2", "2025-03-05", "cli")
    assert c.input_id is None and c.locator == "line 3"
    assert c.raw == _jsonl_lines()[2]["text"]


def test_jsonl_glued_headline_byline_and_dateline(tmp_path):
    text = (
        "Ministers agree on grain corridor By Anna Petrova ODESSA, May 3 (Reuters) - Ukraine and Turkey agreed on "
        "Tuesday to reopen a grain corridor, officials said. Talks will continue next week."
    )
    p = tmp_path / "wire.jsonl"
    p.write_text(json.dumps({"id": "w1", "text": text}) + "\n")
    (a,) = list(read_inputs([str(p)], pub_date="2025-05-04"))
    assert a.title == "Ministers agree on grain corridor"
    assert a.author == "Anna Petrova"
    assert (a.dateline.place, a.dateline.agency) == ("ODESSA", "Reuters")
    assert a.body.startswith("Ukraine and Turkey agreed") and a.body.endswith("next week.")
    assert (a.pub_date, a.pub_date_source) == ("2025-05-03", "dateline")


def test_jsonl_gzip_and_magic_bytes(tmp_path):
    data = ("\n".join(json.dumps(r) for r in _jsonl_lines()) + "\n").encode()
    (tmp_path / "recs.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "noext").write_bytes(gzip.compress(data))  # found by gzip magic, then JSON by content
    items = list(read_inputs([str(tmp_path / "recs.jsonl.gz"), str(tmp_path / "noext")]))
    assert [type(x).__name__ for x in items] == ["Article"] * 6
    assert items[0].input_id == "x1" and items[3].input_id == "x1"
    assert items[5].locator == "line 3"


def test_gzip_text_page(tmp_path):
    p = tmp_path / "wire.txt.gz"
    p.write_bytes(gzip.compress(WIRE.encode()))
    a = only(read_inputs([str(p)]))
    assert isinstance(a, Article) and a.dateline.agency == "Reuters" and a.raw == WIRE


def _warc_bytes(compress: bool, pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=compress)
    w.write_record(w.create_warcinfo_record("test.warc", {"software": "tidings-tests"}))
    for url, html in pages:
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "e.example")], is_http_request=True)
        w.write_record(w.create_warc_record(url, "request", http_headers=req))
        h = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=h,
                                 warc_headers_dict={"WARC-Date": "2025-04-01T12:00:00Z"})
        )
    img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://e.example/x.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=img))
    return buf.getvalue()


NODATE = HTML.replace('<meta property="article:published_time" content="2025-01-15T08:00:00+00:00">', "")


@pytest.mark.parametrize("compress, name", [(False, "crawl.warc"), (True, "crawl.warc.gz"), (True, "crawl.bin")])
def test_warc(tmp_path, compress, name):
    p = tmp_path / name
    p.write_bytes(_warc_bytes(compress, [("https://e.example/a", HTML), ("https://e.example/b", NODATE)]))
    a, b = list(read_inputs([str(p)]))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.url == "https://e.example/a" and b.url == "https://e.example/b"
    assert a.locator == "record 3" and b.locator == "record 5"
    assert a.input_id and a.input_id.startswith("<urn:uuid:")
    assert (a.pub_date, a.pub_date_source) == ("2025-01-15", "html")
    assert (b.pub_date, b.pub_date_source) == ("2025-04-01", "metadata")  # WARC-Date when the page has none
    assert a.title == "Envoys meet in Oslo"


def test_folder_recursive_and_glob(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(WIRE)
    (tmp_path / "sub" / "b.txt").write_text(WIRE.replace("Thursday", "Friday"))
    (tmp_path / "sub" / "deeper" / "c.html").write_text(HTML)
    (tmp_path / ".hidden.txt").write_text(WIRE)
    got = list(read_inputs([str(tmp_path)]))
    assert sorted(Path(a.source_path).name for a in got) == ["a.txt", "b.txt", "c.html"]
    got = list(read_inputs([str(tmp_path / "**" / "*.txt")]))
    assert sorted(Path(a.source_path).name for a in got) == ["a.txt", "b.txt"]
    assert sorted(Path(p).name for p in expand_paths([str(tmp_path)])) == ["a.txt", "b.txt", "c.html"]


def test_stdin_text_and_jsonl():
    a = only(read_inputs(["-"], stdin=io.BytesIO(WIRE.encode())))
    assert isinstance(a, Article) and a.source_path == "-" and a.dateline.agency == "Reuters"
    lines = ("\n".join(json.dumps(r) for r in _jsonl_lines())).encode()
    got = list(read_inputs(["-"], stdin=io.BytesIO(gzip.compress(lines))))
    assert [x.locator for x in got] == ["line 1", "line 2", "line 3"]


def test_non_english_page_is_rejected(tmp_path):
    got = only(read_inputs([str(EXAMPLES / "09_french_wire.txt")]))
    assert isinstance(got, Reject)
    assert got.reason == "not_english" and got.detail == "detected language: fr"


def test_pub_date_order_text_pages(tmp_path):
    # dateline with month and day takes its year from the --pub-date reference
    p = tmp_path / "upi.txt"
    p.write_text((EXAMPLES / "06_upi_sanctions.txt").read_text())
    a = only(read_inputs([str(p)], pub_date="2025-01-03"))
    assert (a.pub_date, a.pub_date_source) == ("2024-12-09", "dateline")
    # a "Published:" line on the page is the page's own metadata and beats the dateline
    q = tmp_path / "pub.txt"
    q.write_text("Title of the story here\n\nPublished: 2 January 2025\n\n" + (EXAMPLES / "06_upi_sanctions.txt").read_text().split("\n", 2)[2])
    b = only(read_inputs([str(q)], pub_date="2025-01-03"))
    assert (b.pub_date, b.pub_date_source) == ("2025-01-02", "metadata")
    # nothing at all
    c = only(read_inputs([str(EXAMPLES / "08_sana_attack.txt")]))
    assert (c.pub_date, c.pub_date_source) == (None, "none")


def test_bundled_examples_read():
    got = list(read_inputs([str(EXAMPLES)]))
    arts = [a for a in got if isinstance(a, Article)]
    rejects = [r for r in got if isinstance(r, Reject)]
    assert len(arts) >= 14
    assert [r.reason for r in rejects] == ["not_english"]
    # the syndicated copy is a near-copy, not the same text
    by_name = {Path(a.source_path).name: a for a in arts}
    assert by_name["06_upi_sanctions.txt"].id != by_name["07_syndicated_sanctions_copy.txt"].id
    assert by_name["01_wire_baghdad_water_agreement.txt"].author == "Omar Saleh"
    assert by_name["03_ministry_press_release.txt"].title == "Foreign Minister receives Ambassador of Japan"
    assert by_name["05_byline_kampala_protest.txt"].author == "Grace Nakato"
