"""Bad input never stops a run: each problem becomes a Reject with a reason, and reading goes on."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from tidings.ingest import read_inputs
from tidings.records import Article, Reject

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sample pages shared with the reader tests
from test_ingest_readers import HTML, WIRE, _warc_bytes  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FIX = REPO / "tests" / "fixtures" / "ingest"


def reasons(items):
    return [(x.reason, x.locator) if isinstance(x, Reject) else "article" for x in items]


def test_binary_file(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "binary" and r.path == str(p)


def test_undecodable_file(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(128, 256)) * 40)
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "undecodable"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file(tmp_path, content):
    p = tmp_path / "empty.txt"
    p.write_bytes(content)
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "empty"


def test_page_without_body(tmp_path):
    p = tmp_path / "nav.txt"
    p.write_text("Share this article\nTags: politics\n© 2025 Example News. All rights reserved.\n")
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "no_body"


def test_html_without_article_text(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title>x</title></head><body><div></div></body></html>")
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "no_body"


def test_too_large_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(WIRE * 50)
    (r,) = read_inputs([str(p)], max_bytes=1000)
    assert isinstance(r, Reject) and r.reason == "too_large"
    # the same content compressed is measured after decompression
    g = tmp_path / "big.txt.gz"
    g.write_bytes(gzip.compress((WIRE * 50).encode()))
    (r,) = read_inputs([str(g)], max_bytes=1000)
    assert isinstance(r, Reject) and r.reason == "too_large"


def test_too_large_jsonl_line_is_skipped_not_the_file(tmp_path):
    p = tmp_path / "recs.jsonl"
    big = json.dumps({"id": "big", "text": "The minister spoke. " * 200})
    ok = json.dumps({"id": "ok", "text": "The foreign minister of Peru met the Chilean ambassador in Lima on Monday."})
    p.write_text(big + "\n" + ok + "\n")
    got = list(read_inputs([str(p)], max_bytes=1000))
    assert reasons(got) == [("too_large", "line 1"), "article"]
    assert got[1].input_id == "ok"


def test_malformed_html(tmp_path):
    p = tmp_path / "broken.html"
    p.write_text("this file claims to be HTML but holds no markup at all, only a sentence.")
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "bad_html"


def test_html_fixture_with_broken_markup_still_read():
    # unclosed tags are everyday HTML; the parser copes and the article is read
    (a,) = read_inputs([str(FIX / "unclosed_tags.html")])
    assert isinstance(a, Article)
    assert a.title == "Border talks resume"
    assert a.body.startswith("Officials from Ethiopia and Sudan resumed talks")


def test_truncated_gzip(tmp_path):
    data = gzip.compress((WIRE * 20).encode())
    p = tmp_path / "cut.txt.gz"
    p.write_bytes(data[: len(data) // 2])
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "truncated"


def test_truncated_gzip_jsonl_keeps_complete_lines(tmp_path):
    lines = [json.dumps({"id": str(i), "text": f"Record {i}: the president of Ghana met the envoy of Togo in Accra on Monday {i * 7919}."}) for i in range(400)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: int(len(data) * 0.7)])
    got = list(read_inputs([str(p)]))
    assert all(isinstance(x, Article) for x in got[:-1]) and len(got) > 50
    assert isinstance(got[-1], Reject) and got[-1].reason == "truncated"
    assert got[-1].locator == f"line {len(got)}"


@pytest.mark.parametrize("compress, name", [(False, "cut.warc"), (True, "cut.warc.gz")])
def test_truncated_warc(tmp_path, compress, name):
    data = _warc_bytes(compress, [("https://e.example/a", HTML), ("https://e.example/b", HTML.replace("Oslo", "Bergen"))])
    p = tmp_path / name
    p.write_bytes(data[: int(len(data) * 0.75)])
    got = list(read_inputs([str(p)]))
    assert isinstance(got[0], Article) and got[0].url == "https://e.example/a"
    assert isinstance(got[-1], Reject) and got[-1].reason == "truncated"
    assert got[-1].locator


def test_invalid_json_lines(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text(
        '{"id": "a", "text": "Egypt and Sudan signed a water agreement in Cairo on Sunday, officials said."}\n'
        '{"id": "b", "text": "broken\n'
        "[1, 2, 3]\n"
        '{"id": "c", "title": "no text field"}\n'
        '{"id": "d", "text": ""}\n'
        '{"id": "e", "text": "Brazil recalled its ambassador from Nicaragua on Tuesday after a row over a bishop."}\n'
    )
    got = list(read_inputs([str(p)]))
    assert reasons(got) == [
        "article",
        ("bad_json", "line 2"),
        ("bad_json", "line 3"),
        ("bad_json", "line 4"),
        ("no_body", "line 5"),
        "article",
    ]
    assert got[-1].input_id == "e"


def test_missing_path_and_empty_glob(tmp_path):
    got = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")]))
    assert reasons(got) == [("not_found", None), ("not_found", None)]


def test_run_goes_on_after_every_kind_of_bad_input(tmp_path):
    (tmp_path / "1_bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "2_empty.txt").write_bytes(b"")
    (tmp_path / "3_bad.jsonl").write_text("{nope\n")
    (tmp_path / "4_good.txt").write_text(WIRE)
    (tmp_path / "5_cut.txt.gz").write_bytes(gzip.compress(WIRE.encode())[:30])
    got = list(read_inputs([str(tmp_path), str(tmp_path / "missing")]))
    assert reasons(got) == [
        ("binary", None),
        ("empty", None),
        ("bad_json", "line 1"),
        "article",
        ("truncated", None),
        ("not_found", None),
    ]


def test_stdin_garbage():
    (r,) = read_inputs(["-"], stdin=io.BytesIO(b"\x00\xff" * 500))
    assert isinstance(r, Reject) and r.reason == "binary" and r.path == "-"


@pytest.mark.parametrize("magic, name", [(b"%PDF-1.7\n", "report.pdf"), (b"PK\x03\x04\x14\x00", "story.docx")])
def test_unsupported_formats(tmp_path, magic, name):
    p = tmp_path / name
    p.write_bytes(magic + b"\x00" * 200)
    (r,) = read_inputs([str(p)])
    assert isinstance(r, Reject) and r.reason == "unsupported"


def test_json_array_file(tmp_path):
    p = tmp_path / "dump.json"
    p.write_text(json.dumps([
        {"id": "a", "text": "Chile and Peru agreed on Monday to reopen two border crossings, officials said."},
        {"id": "b"},
    ]))
    got = list(read_inputs([str(p)]))
    assert reasons(got) == ["article", ("bad_json", "item 2")]
    assert got[0].input_id == "a" and got[0].locator == "item 1"
