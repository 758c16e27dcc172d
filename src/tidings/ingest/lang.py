"""Language identification with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

from functools import lru_cache

# Below this many letters, or below this probability, a non-English guess is noise (tables
# of football scores come out as Danish); such texts keep going as English.
MIN_LETTERS = 60
MIN_CONFIDENCE = 0.7


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability); (None, 0.0) for texts without letters."""
    sample = text[:4000]
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def page_language(text: str) -> tuple[str | None, bool]:
    """(language to record, whether the page is confidently not English)."""
    lang, prob = detect_language(text)
    if lang is None or lang == "en":
        return lang, False
    letters = sum(ch.isalpha() for ch in text[:4000])
    if letters >= MIN_LETTERS and prob >= MIN_CONFIDENCE:
        return lang, True
    return "en", False
