"""Training parses each text once: a later run parses only texts it has not seen."""

import spacy

from tidings.train import dataset


def test_parse_cache_is_per_text(tmp_path, monkeypatch):
    nlp = spacy.blank("en")
    calls = []
    real_pipe = nlp.pipe

    def counting_pipe(texts, **kw):
        texts = list(texts)
        calls.append(len(texts))
        return real_pipe(texts, **kw)

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    monkeypatch.setattr(dataset, "CACHE_DIR", tmp_path)
    first = dataset.parse(["police arrested two men", "the minister met the envoy"], nlp)
    second = dataset.parse(["the minister met the envoy", "a new text"], nlp)
    assert [d.text for d in first] == ["police arrested two men", "the minister met the envoy"]
    assert [d.text for d in second] == ["the minister met the envoy", "a new text"]
    assert calls == [2, 1]
    assert len(list(tmp_path.glob("*.spacy"))) == 3
