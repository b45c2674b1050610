"""Chapter 5 bonus: Qwen3, dense and mixture-of-experts, as a small step from Llama 3.

Book: the chapter-5 bonus "Qwen3 from scratch" (dense and MoE); notebook:
``ch05_pretraining/gpt_to_llama.ipynb`` (its last part).

What Qwen3 changes relative to ``Llama3Model``:

1. QK-norm: an ``RMSNorm`` over each head's queries and keys before the rotation
   (``qk_norm=True``), which keeps attention scores from growing large in training;
2. an explicit ``head_dim`` (128) that need not be ``emb_dim / n_heads`` (0.6B: 16 heads of 128
   in a 1,024-wide model);
3. plain RoPE (base 1,000,000, no Llama 3 scaling) and RMSNorm epsilon 1e-6;
4. the MoE sizes swap the SwiGLU feed-forward for ``MoEFeedForward`` (30B-A3B: 128 experts, 8
   per token).

Inside: ``QWEN_CONFIG_06_B``, ``QWEN3_CONFIG_1_7B``, ``QWEN3_CONFIG_30B_A3B``, ``Qwen3Model(cfg)``
and ``load_weights_into_qwen(model, param_config, params)`` (Hugging Face's Qwen3 and
Qwen3-MoE key names). Tests: ``python -m pytest tests/ch05/test_qwen.py -q``.
"""

from __future__ import annotations

import torch

from llmscratch.llama import Llama3Model
from llmscratch.llama_weights import load_hf_weights

QWEN_CONFIG_06_B = {
    "vocab_size": 151_936,  # Qwen's byte-level BPE vocabulary, padded to a multiple of 128
    "context_length": 40_960,  # the context length the released model was trained for
    "emb_dim": 1024,  # token vector width
    "n_heads": 16,  # query heads ...
    "head_dim": 128,  # ... of 128 dimensions: 16 * 128 = 2048 > emb_dim
    "n_layers": 28,  # transformer blocks
    "hidden_dim": 3072,  # SwiGLU width
    "qk_norm": True,  # RMSNorm on queries and keys
    "n_kv_groups": 8,  # key/value heads: 2 query heads share each one
    "rope_base": 1_000_000.0,  # RoPE theta
    "rope_freq": None,  # no Llama 3 frequency scaling
    "dtype": torch.bfloat16,  # the released weights' dtype
    "tie_embeddings": True,  # the output head reuses tok_emb.weight
    "rms_norm_eps": 1e-6,
}

# Qwen3 1.7B: twice as wide, same depth; 1,720,574,976 parameters.
QWEN3_CONFIG_1_7B = {**QWEN_CONFIG_06_B, "emb_dim": 2048, "hidden_dim": 6144}

# Qwen3-30B-A3B (the base release's sizes): 48 blocks, 32 query heads sharing 4 K/V heads,
# and in every block 128 SwiGLU experts of width 768 of which each token uses 8.
QWEN3_CONFIG_30B_A3B = {
    **QWEN_CONFIG_06_B,
    "emb_dim": 2048,
    "n_heads": 32,
    "n_layers": 48,
    "hidden_dim": 6144,  # the dense width in Hugging Face's config; unused by the MoE blocks
    "n_kv_groups": 4,
    "num_experts": 128,  # experts per block
    "num_experts_per_tok": 8,  # experts each token is routed to
    "moe_intermediate_size": 768,  # each expert's SwiGLU width
    "norm_topk_prob": True,  # the 8 routing weights are renormalised to sum to 1
    "tie_embeddings": False,  # a separate output head
}


class Qwen3Model(Llama3Model):
    """Qwen3: ``Llama3Model``'s layout with QK-norm, ``head_dim`` and optional experts.

    Shapes: token ids ``(batch, num_tokens)`` -> logits ``(batch, num_tokens, vocab_size)``;
    ``forward(in_idx, use_cache=False)`` and ``reset_kv_cache()`` as in ``Llama3Model``.
    Parameter counts (the published ones): ``QWEN_CONFIG_06_B`` 596,049,920,
    ``QWEN3_CONFIG_1_7B`` 1,720,574,976, ``QWEN3_CONFIG_30B_A3B`` 30,532,122,624.

    Book: chapter 5 bonus (Qwen3 from scratch); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    default_eps = 1e-6  # Qwen3's RMSNorm epsilon when the config names none

    def __init__(self, cfg):
        super().__init__({"qk_norm": True, **cfg})


def load_weights_into_qwen(model, param_config, params):
    """Copy a Hugging Face Qwen3 or Qwen3-MoE state dict into ``model``, in place.

    ``params``: tensors keyed like ``model.layers.0.self_attn.q_norm.weight`` or
    ``model.layers.0.mlp.experts.5.gate_proj.weight`` (a dict from
    ``safetensors.torch.load_file`` or a lazy ``SafetensorsCheckpoint``, read one tensor at a
    time). ``param_config``: the config the model was built with; it is checked against the
    model. A checkpoint without ``lm_head.weight`` (tied) fills the head from the embedding.
    Shape mismatches raise ``ValueError`` naming both keys and both shapes.

    Book: chapter 5 bonus (Qwen3 from scratch); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    if not param_config.get("qk_norm", True) or model.trf_blocks[0].att.q_norm is None:
        raise ValueError("Qwen3 checkpoints have QK-norm weights: build the model with "
                         "qk_norm=True (Qwen3Model does)")
    return load_hf_weights(model, param_config, params)
