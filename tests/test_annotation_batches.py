"""Later draws of the annotations are read beside the first, each with the split it was written with."""

from tidings.annotations import read_sample, sample_files


def _write(path, rows):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("# drawn once\ncorpus\tdoc\tsplit\tcoder\tsecond\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")


def test_batches_in_draw_order_with_their_split(tmp_path):
    _write(tmp_path / "sample.tsv", [("sabinet", "a1", "test", "A", "B")])
    _write(tmp_path / "sample-10.tsv", [("india", "7", "train", "I", "")])
    _write(tmp_path / "sample-2.tsv", [("india", "3", "dev", "E", ""), ("sabinet", "b2", "test", "F", "")])
    assert [p.name for p in sample_files(tmp_path)] == ["sample.tsv", "sample-2.tsv", "sample-10.tsv"]
    rows = read_sample(tmp_path)
    assert [(r["doc"], r["split"], r["batch"]) for r in rows] == [
        ("a1", "test", "1"), ("3", "dev", "2"), ("b2", "test", "2"), ("7", "train", "10"),
    ]


def test_no_later_draws(tmp_path):
    _write(tmp_path / "sample.tsv", [("sabinet", "a1", "dev", "A", "")])
    assert [r["batch"] for r in read_sample(tmp_path)] == ["1"]
