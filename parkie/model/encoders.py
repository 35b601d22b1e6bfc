"""Character encoders: each maps a padded batch to one vector per character ``[B, T, hidden]``.

* ``bilstm`` – char + class + gazetteer (+ word-boundary) embeddings, a BiLSTM.
* ``cnn`` – the same inputs through a stack of dilated convolutions (fast; the shipped default).
* ``transformer`` – a small BERT built with ``transformers`` from scratch (no pretrained weights).
* ``hf`` – any local Hugging Face checkpoint (e.g. bert-base-chinese); characters are fed as
  words so every character gets the vector of its first sub-token.
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from parkie.model.config import ModelConfig
from parkie.model.features import N_CLASSES, N_LEX_TAGS
from parkie.model.lexicon import CATEGORIES


class InputEmbedder(nn.Module):
    """Character, class and gazetteer embeddings, concatenated."""

    def __init__(self, cfg: ModelConfig, with_chars: bool = True) -> None:
        super().__init__()
        self.chars = nn.Embedding(cfg.vocab_size, cfg.char_dim, padding_idx=0) if with_chars else None
        self.classes = nn.Embedding(N_CLASSES, cfg.class_dim, padding_idx=0)
        self.lex = nn.ModuleList(nn.Embedding(N_LEX_TAGS, cfg.lex_dim) for _ in CATEGORIES)
        self.words = nn.Embedding(5, cfg.word_dim, padding_idx=0) if cfg.word_features else None
        self.out_dim = (cfg.char_dim if with_chars else 0) + cfg.class_dim + cfg.lex_dim * len(CATEGORIES)
        if self.words is not None:
            self.out_dim += cfg.word_dim

    def forward(self, batch: dict[str, Any]) -> torch.Tensor:
        parts = [self.classes(batch["classes"])]
        if self.chars is not None:
            parts.insert(0, self.chars(batch["chars"]))
        lex = batch["lex"]
        parts += [emb(lex[..., i]) for i, emb in enumerate(self.lex)]
        if self.words is not None:
            parts.append(self.words(batch["words"]))
        return torch.cat(parts, dim=-1)


class BiLSTMEncoder(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.embed = InputEmbedder(cfg)
        self.drop = nn.Dropout(cfg.dropout)
        self.lstm = nn.LSTM(self.embed.out_dim, cfg.hidden // 2, num_layers=cfg.layers,
                            bidirectional=True, batch_first=True,
                            dropout=cfg.dropout if cfg.layers > 1 else 0.0)

    def forward(self, batch: dict[str, Any]) -> torch.Tensor:
        x = self.drop(self.embed(batch))
        lengths = batch["mask"].sum(1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
        return self.drop(out)


class CNNEncoder(nn.Module):
    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        self.embed = InputEmbedder(cfg)
        self.proj = nn.Linear(self.embed.out_dim, cfg.hidden)
        self.convs = nn.ModuleList(
            nn.Conv1d(cfg.hidden, cfg.hidden, 3, padding=d, dilation=d) for d in cfg.dilations
        )
        self.norms = nn.ModuleList(nn.LayerNorm(cfg.hidden) for _ in self.convs)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, batch: dict[str, Any]) -> torch.Tensor:
        h = self.proj(self.drop(self.embed(batch)))
        m = batch["mask"].unsqueeze(-1).float()
        for conv, norm in zip(self.convs, self.norms, strict=False):
            h = norm(h + self.drop(torch.relu(conv((h * m).transpose(1, 2)).transpose(1, 2))))
        return h


class TransformerEncoder(nn.Module):
    """A small BERT from ``transformers``, randomly initialised, fed our input embeddings."""

    def __init__(self, cfg: ModelConfig) -> None:
        super().__init__()
        from transformers import BertConfig, BertModel

        self.embed = InputEmbedder(cfg)
        self.proj = nn.Linear(self.embed.out_dim, cfg.hidden)
        bert_cfg = BertConfig(vocab_size=4, hidden_size=cfg.hidden, num_hidden_layers=cfg.layers,
                              num_attention_heads=cfg.heads, intermediate_size=cfg.hidden * 4,
                              max_position_embeddings=cfg.max_len + 2, hidden_dropout_prob=cfg.dropout,
                              attention_probs_dropout_prob=cfg.dropout)
        self.bert = BertModel(bert_cfg, add_pooling_layer=False)

    def forward(self, batch: dict[str, Any]) -> torch.Tensor:
        x = self.proj(self.embed(batch))
        return self.bert(inputs_embeds=x, attention_mask=batch["mask"].long()).last_hidden_state


class HFEncoder(nn.Module):
    """A local Hugging Face checkpoint plus our class and gazetteer features."""

    def __init__(self, cfg: ModelConfig, load_weights: bool = True) -> None:
        super().__init__()
        from transformers import AutoConfig, AutoModel, AutoTokenizer

        if not cfg.base:
            raise ValueError("the hf encoder needs cfg.base, a local checkpoint directory")
        self.tokenizer = AutoTokenizer.from_pretrained(cfg.base, local_files_only=True)
        if load_weights:
            self.model = AutoModel.from_pretrained(cfg.base, local_files_only=True)
        else:
            self.model = AutoModel.from_config(AutoConfig.from_pretrained(cfg.base, local_files_only=True))
        self.features = InputEmbedder(cfg, with_chars=False)
        self.proj = nn.Linear(self.model.config.hidden_size + self.features.out_dim, cfg.hidden)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, batch: dict[str, Any]) -> torch.Tensor:
        texts: list[str] = batch["texts"]
        t = batch["mask"].shape[1]
        enc = self.tokenizer([list(s) for s in texts], is_split_into_words=True, return_tensors="pt",
                             padding=True, truncation=True, max_length=min(t + 2, 512))
        device = batch["mask"].device
        hidden = self.model(input_ids=enc["input_ids"].to(device),
                            attention_mask=enc["attention_mask"].to(device)).last_hidden_state
        # Map each character to its first sub-token; characters without a token (spaces) get 0s.
        index = torch.zeros(len(texts), t, dtype=torch.long)
        has = torch.zeros(len(texts), t, dtype=torch.bool)
        for b in range(len(texts)):
            seen: set[int] = set()
            for tok, w in enumerate(enc.word_ids(b)):
                if w is not None and w not in seen and w < t:
                    seen.add(w)
                    index[b, w] = tok
                    has[b, w] = True
        gathered = hidden.gather(1, index.to(device).unsqueeze(-1).expand(-1, -1, hidden.shape[-1]))
        gathered = gathered * has.to(device).unsqueeze(-1).float()
        return self.drop(self.proj(torch.cat([gathered, self.features(batch)], dim=-1)))


ENCODERS = {"bilstm": BiLSTMEncoder, "cnn": CNNEncoder, "transformer": TransformerEncoder, "hf": HFEncoder}


def build_encoder(cfg: ModelConfig, load_weights: bool = True) -> nn.Module:
    """The encoder named by ``cfg.encoder``."""
    if cfg.encoder not in ENCODERS:
        raise ValueError(f"unknown encoder {cfg.encoder!r}; choose one of {sorted(ENCODERS)}")
    if cfg.encoder == "hf":
        return HFEncoder(cfg, load_weights=load_weights)
    return ENCODERS[cfg.encoder](cfg)
