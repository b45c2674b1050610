"""Chapter 4 bonus: the feed-forward layers of today's open models, SwiGLU and mixture-of-experts.

Book: the chapter-4 bonus on mixture-of-experts (MoE) layers and the chapter-5 bonus that turns
GPT into Llama (SwiGLU) and Qwen3 (dense and MoE); notebooks:
``ch04_gpt_model/attention_variants.ipynb`` and ``ch05_pretraining/gpt_to_llama.ipynb``.

Inside:

- ``SwiGLUFeedForward(cfg)``: ``fc3(silu(fc1(x)) * fc2(x))``, the gated feed-forward of Llama
  and Qwen3 (GPT-2's is ``Linear -> GELU -> Linear``).
- ``MoEFeedForward(cfg)``: ``num_experts`` SwiGLU experts and a router (``gate``) that sends
  each token to its ``num_experts_per_tok`` best experts and mixes their outputs.
- ``load_balancing_loss(router_logits, num_experts_per_tok)``: the auxiliary loss that keeps
  the router from sending every token to the same few experts.

Both take the book's config keys (``emb_dim``, ``hidden_dim`` or ``moe_intermediate_size``,
``num_experts``, ``num_experts_per_tok``, ``dtype``) and have the book's ``state_dict`` keys
(``fc1``, ``fc2``, ``fc3``, ``gate``); each drops into ``GPTModel`` in place of a block's ``ff``.
Tests: ``python -m pytest tests/ch04/test_moe.py -q``.
"""

from __future__ import annotations

import copy

import torch
import torch.nn.functional as F
from torch import nn


class SwiGLUFeedForward(nn.Module):
    """Gated feed-forward: ``fc3(silu(fc1(x)) * fc2(x))``, no biases.

    Shapes: ``(..., emb_dim) -> (..., emb_dim)`` through ``hidden_dim`` gated units. ``fc1`` is
    Hugging Face's ``gate_proj``, ``fc2`` its ``up_proj``, ``fc3`` its ``down_proj``. In Llama
    3.2 1B (``emb_dim=2048, hidden_dim=8192``) one holds 3 * 2048 * 8192 = 50,331,648 weights.

    Book: chapter 5 bonus (Llama from GPT); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    def __init__(self, cfg, hidden_dim=None):
        super().__init__()
        hidden_dim = cfg["hidden_dim"] if hidden_dim is None else hidden_dim
        dtype = cfg.get("dtype")
        self.fc1 = nn.Linear(cfg["emb_dim"], hidden_dim, bias=False, dtype=dtype)
        self.fc2 = nn.Linear(cfg["emb_dim"], hidden_dim, bias=False, dtype=dtype)
        self.fc3 = nn.Linear(hidden_dim, cfg["emb_dim"], bias=False, dtype=dtype)

    def forward(self, x):
        return self.fc3(F.silu(self.fc1(x)) * self.fc2(x))


class MoEFeedForward(nn.Module):
    """A mixture of ``num_experts`` SwiGLU feed-forwards; each token uses ``num_experts_per_tok``.

    Shapes: ``(b, num_tokens, emb_dim) -> (b, num_tokens, emb_dim)``. The router ``gate``
    scores every expert for every token; the top ``k = num_experts_per_tok`` scores are turned
    into mixing weights by a softmax over those ``k`` alone (``norm_topk_prob=True``, Qwen3's
    setting; with ``False`` the weights are the full softmax's top ``k``, not summing to 1).
    Example: scores ``[2.0, 0.0, 1.0, -1.0]`` with ``k=2`` pick experts 0 and 2 with weights
    ``[0.731, 0.269]``. Only the chosen experts run, so Qwen3-30B-A3B computes with about 3.3
    billion of its 30.5 billion parameters per token. The last call's router scores are kept
    in ``last_router_logits`` (``(b * num_tokens, num_experts)``) for ``load_balancing_loss``.
    ``state_dict`` keys: ``gate``, and ``fc1.{e}``, ``fc2.{e}``, ``fc3.{e}`` per expert ``e``.

    Book: chapter 4 bonus (MoE), chapter 5 bonus (Qwen3 MoE); notebook:
    ch04_gpt_model/attention_variants.ipynb
    """

    def __init__(self, cfg):
        super().__init__()
        self.num_experts = cfg["num_experts"]
        self.num_experts_per_tok = cfg["num_experts_per_tok"]
        if not 1 <= self.num_experts_per_tok <= self.num_experts:
            raise ValueError(f"num_experts_per_tok must be in 1..num_experts "
                             f"({self.num_experts}), got {self.num_experts_per_tok}")
        self.norm_topk_prob = cfg.get("norm_topk_prob", True)
        emb_dim, hidden = cfg["emb_dim"], cfg["moe_intermediate_size"]
        dtype = cfg.get("dtype")
        self.gate = nn.Linear(emb_dim, self.num_experts, bias=False, dtype=dtype)
        self.fc1 = nn.ModuleList([nn.Linear(emb_dim, hidden, bias=False, dtype=dtype)
                                  for _ in range(self.num_experts)])
        self.fc2 = nn.ModuleList([nn.Linear(emb_dim, hidden, bias=False, dtype=dtype)
                                  for _ in range(self.num_experts)])
        self.fc3 = nn.ModuleList([nn.Linear(hidden, emb_dim, bias=False, dtype=dtype)
                                  for _ in range(self.num_experts)])
        self.last_router_logits = None

    def __deepcopy__(self, memo):
        """A copy without the last call's router scores: they belong to that call's autograd
        graph, which ``copy.deepcopy`` cannot copy (a reference model for DPO is made so)."""
        new = self.__class__.__new__(self.__class__)
        memo[id(self)] = new
        for key, value in self.__dict__.items():
            new.__dict__[key] = (None if key == "last_router_logits"
                                 else copy.deepcopy(value, memo))
        return new

    def route(self, x_flat):
        """Router scores ``(tokens, num_experts)`` -> the chosen experts and their weights,
        each ``(tokens, num_experts_per_tok)``."""
        logits = self.gate(x_flat)
        self.last_router_logits = logits
        if self.norm_topk_prob:  # softmax over the k best scores only
            top_logits, top_experts = torch.topk(logits, self.num_experts_per_tok, dim=-1)
            weights = torch.softmax(top_logits.float(), dim=-1)
        else:  # softmax over all experts, then keep the k largest probabilities
            probs = torch.softmax(logits.float(), dim=-1)
            weights, top_experts = torch.topk(probs, self.num_experts_per_tok, dim=-1)
        return top_experts, weights.to(x_flat.dtype)

    def forward(self, x):
        b, num_tokens, emb_dim = x.shape
        x_flat = x.reshape(b * num_tokens, emb_dim)  # (tokens, emb_dim): routing is per token
        top_experts, weights = self.route(x_flat)
        out = torch.zeros_like(x_flat)
        for e in torch.unique(top_experts).tolist():  # run only the experts that were chosen
            token_idx, slot = torch.where(top_experts == e)  # which tokens, which of their k
            x_e = x_flat[token_idx]  # (tokens for e, emb_dim)
            y_e = self.fc3[e](F.silu(self.fc1[e](x_e)) * self.fc2[e](x_e))
            out.index_add_(0, token_idx, y_e * weights[token_idx, slot, None])
        return out.view(b, num_tokens, emb_dim)


def load_balancing_loss(router_logits, num_experts_per_tok):
    """The auxiliary loss that rewards spreading tokens evenly over the experts.

    ``router_logits``: ``(tokens, num_experts)``, e.g. ``MoEFeedForward.last_router_logits``
    (or several layers' concatenated along the tokens). With ``f_e`` the share of the top-``k``
    choices that went to expert ``e`` and ``p_e`` its mean router probability, the loss is
    ``num_experts * sum_e f_e * p_e``. A perfectly even router gives ``k`` (1.0 for top-1);
    sending every token to the same expert with certainty gives ``num_experts``. Add it to the
    language-model loss with a small weight (Qwen3 MoE: 0.001).

    Book: chapter 4 bonus (MoE); notebook: ch04_gpt_model/attention_variants.ipynb
    """
    num_experts = router_logits.shape[-1]
    probs = torch.softmax(router_logits.float(), dim=-1)  # (tokens, num_experts)
    _, chosen = torch.topk(probs, num_experts_per_tok, dim=-1)  # (tokens, k)
    picked = F.one_hot(chosen, num_experts).float()  # (tokens, k, num_experts)
    share = picked.mean(dim=0)  # (k, num_experts): per rank, the share of tokens per expert
    mean_prob = probs.mean(dim=0)  # (num_experts,)
    return num_experts * (share * mean_prob[None, :]).sum()
