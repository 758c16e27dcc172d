"""all-MiniLM-L6-v2 as an ONNX graph built by hand (no torch), run with onnxruntime, optionally int8.

The graph is written node by node with ``onnx.helper`` from the same safetensors weights that
bench/minilm_numpy.py reads, and mirrors that forward pass (which is the reference: the sanity check
below compares the two). ``onnxruntime.quantization.quantize_dynamic`` then makes the int8 model
(weights int8, activations quantised on the fly), which is where int8 pays in speed.

    python bench/minilm_onnx.py      # build both models under .cache/, compare them with numpy, time them
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

import minilm_numpy as mn  # noqa: E402

CACHE = Path(__file__).resolve().parents[1] / ".cache"


def build_graph(out: Path) -> Path:
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    w = load_file(str(mn.model_dir() / "model.safetensors"))
    inits, nodes = [], []

    def const(name, arr):
        inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def node(op, ins, **attrs):
        name = f"n{len(nodes)}"
        nodes.append(helper.make_node(op, ins, [name], **attrs))
        return name

    def dense(x, p):
        return node("Add", [node("MatMul", [x, const(p + ".wT", np.ascontiguousarray(w[p + ".weight"].T))]),
                            const(p + ".b", w[p + ".bias"])])

    def norm(x, p):
        return node("LayerNormalization", [x, const(p + ".g", w[p + ".weight"]), const(p + ".beta", w[p + ".bias"])],
                    axis=-1, epsilon=mn.EPS)

    d = mn.HIDDEN // mn.HEADS
    split = const("split_shape", np.array([0, 0, mn.HEADS, d], dtype=np.int64))
    merge = const("merge_shape", np.array([0, 0, mn.HIDDEN], dtype=np.int64))
    x = node("Add", [node("Gather", [const("word", w["embeddings.word_embeddings.weight"]), "input_ids"]),
                     node("Gather", [const("pos", w["embeddings.position_embeddings.weight"]), "position_ids"])])
    x = node("Add", [x, const("type0", w["embeddings.token_type_embeddings.weight"][0])])
    x = norm(x, "embeddings.LayerNorm")
    mask_bias = node("Mul", [node("Sub", [const("one", np.float32(1.0)), "attention_mask"]), const("neg", np.float32(-1e9))])
    mask_bias = node("Unsqueeze", [mask_bias, const("axes12", np.array([1, 2], dtype=np.int64))])
    for i in range(mn.LAYERS):
        p = f"encoder.layer.{i}."
        q, k, v = (node("Transpose", [node("Reshape", [dense(x, p + "attention.self." + n), split])], perm=perm)
                   for n, perm in (("query", [0, 2, 1, 3]), ("key", [0, 2, 3, 1]), ("value", [0, 2, 1, 3])))
        s = node("Add", [node("Mul", [node("MatMul", [q, k]), const(f"scale{i}", np.float32(1 / math.sqrt(d)))]), mask_bias])
        ctx = node("Reshape", [node("Transpose", [node("MatMul", [node("Softmax", [s], axis=-1), v])], perm=[0, 2, 1, 3]), merge])
        x = norm(node("Add", [x, dense(ctx, p + "attention.output.dense")]), p + "attention.output.LayerNorm")
        h = dense(x, p + "intermediate.dense")
        h = node("Mul", [node("Mul", [h, const(f"half{i}", np.float32(0.5))]),
                         node("Add", [const(f"one{i}", np.float32(1.0)),
                                      node("Erf", [node("Mul", [h, const(f"isq{i}", np.float32(1 / math.sqrt(2)))])])])])
        x = norm(node("Add", [x, dense(h, p + "output.dense")]), p + "output.LayerNorm")
    m = node("Unsqueeze", ["attention_mask", const("axis2", np.array([2], dtype=np.int64))])
    summed = node("ReduceSum", [node("Mul", [x, m]), const("axis1", np.array([1], dtype=np.int64))], keepdims=0)
    count = node("Max", [node("ReduceSum", [m, "axis1"], keepdims=0), const("tiny", np.float32(1e-9))])
    nodes.append(helper.make_node("Div", [summed, count], ["pooled"]))
    graph = helper.make_graph(
        nodes, "minilm",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["n", "l"]),
         helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["n", "l"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.FLOAT, ["n", "l"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["n", mn.HIDDEN])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model = onnx.shape_inference.infer_shapes(model)  # the quantiser needs every tensor's type
    onnx.checker.check_model(model)
    out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(out))
    return out


def models(cache: Path = CACHE) -> dict[bool, Path]:
    """{int8: path} of the float and the int8 ONNX models, built once."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    f32, i8 = cache / "minilm-f32.onnx", cache / "minilm-int8.onnx"
    if not f32.exists():
        build_graph(f32)
    if not i8.exists():
        quantize_dynamic(str(f32), str(i8), weight_type=QuantType.QInt8, per_channel=True)
    return {False: f32, True: i8}


class OnnxMiniLM:
    def __init__(self, path: Path, max_len: int = 128):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1  # one worker, one core
        opts.inter_op_num_threads = 1
        self.sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.tok = Tokenizer.from_file(str(mn.model_dir() / "tokenizer.json"))
        self.tok.enable_truncation(max_length=max_len)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), mn.HIDDEN), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            enc = self.tok.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            pos = np.broadcast_to(np.arange(ids.shape[1], dtype=np.int64), ids.shape).copy()
            mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
            (pooled,) = self.sess.run(None, {"input_ids": ids, "position_ids": pos, "attention_mask": mask})
            out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


if __name__ == "__main__":
    texts = [a for pair in mn.SANITY for a in pair] * 8
    ref = mn.MiniLM().encode(texts)
    for int8, path in models().items():
        enc = OnnxMiniLM(path)
        enc.encode(texts[:2])
        t0 = time.perf_counter()
        e = enc.encode(texts)
        ms = 1000 * (time.perf_counter() - t0) / len(texts)
        p, o = mn.sanity(enc)
        cos = float(np.min(np.sum(e * ref, axis=1)))
        print(f"onnx int8={int8}: {path.stat().st_size / 1e6:.1f} MB, {ms:.2f} ms/sentence, "
              f"min cosine to numpy {cos:.4f}, paraphrase {p:.3f} vs unrelated {o:.3f}")
