"""The model: training fits data, the model directory round-trips, HF encoders plug in."""

from __future__ import annotations

import json

import pytest
import torch

from parkie.evaluate import score
from parkie.model.config import ModelConfig
from parkie.model.crf import CRF
from parkie.model.extractor import Extractor, decode_relations, spans_from_tags
from parkie.scoring import blank_copies


def test_tiny_model_learns_its_training_data(tiny_model_dir, tiny_docs):
    ext = Extractor.from_pretrained(tiny_model_dir, device="cpu")
    scores = score(tiny_docs, ext.predict(blank_copies(tiny_docs)))
    assert scores["entity"]["f"] > 0.9
    assert scores["relation"]["f"] > 0.7


def test_model_directory_round_trip(tiny_model_dir, tiny_docs, tmp_path):
    ext = Extractor.from_pretrained(tiny_model_dir, device="cpu")
    for name in ("config.json", "model.safetensors", "vocab.json", "training.json"):
        assert (tiny_model_dir / name).is_file()
    ext.save_pretrained(tmp_path / "copy")
    again = Extractor.from_pretrained(tmp_path / "copy", device="cpu")
    a = [d.to_json() for d in ext.predict(blank_copies(tiny_docs))]
    b = [d.to_json() for d in again.predict(blank_copies(tiny_docs))]
    assert a == b  # deterministic and lossless
    original = json.loads((tiny_model_dir / "config.json").read_text())
    copied = json.loads((tmp_path / "copy" / "config.json").read_text())
    assert copied == original


def test_not_a_model_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a parkie model directory"):
        Extractor.from_pretrained(tmp_path)


def test_crf_decodes_only_well_formed_spans():
    tags = ModelConfig().tags
    crf = CRF(tags)
    emissions = torch.randn(4, 30, len(tags)) * 5
    mask = torch.ones(4, 30, dtype=torch.bool)
    mask[2, 20:] = False
    for path in crf.decode(emissions, mask):
        prev = "O"
        for t in (tags[i] for i in path):
            if t.startswith("I-"):
                assert prev in (f"B-{t[2:]}", t), (prev, t)
            prev = t
    assert len(crf.decode(emissions, mask)[2]) == 20


def test_spans_from_tags():
    assert spans_from_tags(["B-AMOUNT", "I-AMOUNT", "B-UNIT", "O", "B-ORG", "I-ORG"]) == [
        (0, 2, "AMOUNT"), (2, 3, "UNIT"), (4, 6, "ORG")]


def test_relation_decoding_keeps_one_figure_relation_per_amount():
    import numpy as np

    rel = ModelConfig().relations
    probs = np.zeros((3, len(rel) + 1))
    probs[0, rel.index("VALUE") + 1] = 0.9  # indicator 0 -> amount 2
    probs[1, rel.index("VALUE") + 1] = 0.6  # indicator 1 -> amount 2 (loses)
    probs[2, rel.index("UNIT") + 1] = 0.8
    out = decode_relations(np.array([0, 1, 2]), np.array([2, 2, 3]), probs,
                           ["INDICATOR", "INDICATOR", "AMOUNT", "UNIT"], rel)
    assert [(h, t, typ) for h, t, typ, _ in out] == [(0, 2, "VALUE"), (2, 3, "UNIT")]


def test_hugging_face_checkpoint_as_encoder(tmp_path, tiny_docs):
    """A tiny randomly initialised BERT saved here stands in for a user's bert-base-chinese."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    from parkie.model.trainer import train_model

    chars = sorted({c for d in tiny_docs for c in d.text})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]
    ckpt = tmp_path / "tiny-bert"
    ckpt.mkdir()
    (ckpt / "vocab.txt").write_text("\n".join(vocab), encoding="utf-8")
    BertTokenizerFast(vocab_file=str(ckpt / "vocab.txt"), tokenize_chinese_chars=True).save_pretrained(ckpt)
    BertModel(BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=64, max_position_embeddings=256)).save_pretrained(ckpt)
    cfg = ModelConfig(encoder="hf", base=str(ckpt), hidden=32, rel_dim=32, max_len=200)
    ext, _ = train_model(tiny_docs, None, cfg, epochs=2, device="cpu", progress=False, log=lambda s: None)
    ext.save_pretrained(tmp_path / "hf-model")
    assert (tmp_path / "hf-model" / "encoder" / "config.json").is_file()
    again = Extractor.from_pretrained(tmp_path / "hf-model", device="cpu")
    a = [d.to_json() for d in ext.predict(blank_copies(tiny_docs[:3]))]
    b = [d.to_json() for d in again.predict(blank_copies(tiny_docs[:3]))]
    assert a == b


@pytest.mark.parametrize("encoder", ["cnn", "transformer"])
def test_other_encoders_train_and_predict(encoder, tiny_docs):
    from parkie.model.trainer import train_model

    cfg = ModelConfig(encoder=encoder, hidden=32, char_dim=16, rel_dim=32, layers=1, heads=2)
    ext, info = train_model(tiny_docs, None, cfg, epochs=2, device="cpu", progress=False, log=lambda s: None)
    losses = [h["loss_tags"] for h in info["history"]]
    assert losses[-1] < losses[0]
    assert len(ext.predict(blank_copies(tiny_docs[:2]))) == 2


def test_word_boundaries_cover_the_text():
    from parkie.model.features import word_boundaries

    text = "打通宏图南大道与龙兴大街对接，完成0.7公里。\n  x"
    tags = word_boundaries(text)
    assert len(tags) == len(text)
    assert set(tags.tolist()) <= {1, 2, 3, 4}
    assert tags[0] == 1 and tags[-1] == 4  # a word starts the text; "x" stands alone
    # every B is closed by an E before the next B
    open_word = False
    for t in tags.tolist():
        assert not (open_word and t in (1, 4))
        open_word = t in (1, 2)
    assert word_boundaries("").shape == (0,)
    # the bundled top-60k dictionary segments the same text, with the same guarantees
    small = word_boundaries(text, "top60k")
    assert len(small) == len(text) and set(small.tolist()) <= {1, 2, 3, 4}
    with pytest.raises(ValueError, match="unknown word dictionary"):
        word_boundaries(text, "no-such-dictionary")


def test_word_features_train_save_and_load(tmp_path, tiny_docs):
    from parkie.model.trainer import train_model

    cfg = ModelConfig(hidden=32, char_dim=16, rel_dim=32, layers=1, word_features=True, word_dict="top60k")
    ext, info = train_model(tiny_docs, None, cfg, epochs=2, device="cpu", progress=False, log=lambda s: None)
    assert info["history"][-1]["loss_tags"] < info["history"][0]["loss_tags"]
    ext.save_pretrained(tmp_path / "m")
    again = Extractor.from_pretrained(tmp_path / "m", device="cpu")
    assert again.cfg.word_features and again.cfg.word_dict == "top60k"
    a = [d.to_json() for d in ext.predict(blank_copies(tiny_docs[:3]))]
    b = [d.to_json() for d in again.predict(blank_copies(tiny_docs[:3]))]
    assert a == b


def test_numpy_viterbi_matches_torch_viterbi():
    tags = ModelConfig().tags
    crf = CRF(tags)
    torch.manual_seed(1)
    with torch.no_grad():
        for p in crf.parameters():
            p.normal_()
    emissions = torch.randn(8, 40, len(tags)) * 3
    mask = torch.ones(8, 40, dtype=torch.bool)
    mask[2:, 25:] = False
    mask[5, 1:] = False
    assert crf.decode(emissions, mask) == crf._decode_torch(emissions, mask)


def test_weight_averaging_returns_the_average_not_the_last_step(tiny_docs):
    from parkie.model.trainer import _ema_update, train_model

    shadow = {"w": torch.tensor([1.0, 1.0]), "n": torch.tensor(0)}
    _ema_update(shadow, {"w": torch.tensor([3.0, -1.0]), "n": torch.tensor(5)}, 0.75)
    assert torch.allclose(shadow["w"], torch.tensor([1.5, 0.5])) and int(shadow["n"]) == 5

    cfg = dict(encoder="cnn", hidden=32, char_dim=16, rel_dim=32, layers=1)
    runs = {}
    for ema in (0.0, 0.9):
        ext, info = train_model(tiny_docs, None, ModelConfig(**cfg), epochs=3, seed=5, device="cpu", augment=0.0,
                                ema=ema, progress=False, log=lambda s: None)
        runs[ema] = {k: v.clone() for k, v in ext.net.state_dict().items()}
        assert info["ema"] == ema
    # Same seed and data: only the averaging differs, so the returned weights must differ.
    assert any(not torch.equal(runs[0.0][k], runs[0.9][k]) for k in runs[0.0] if runs[0.0][k].is_floating_point())
