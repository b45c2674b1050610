"""Exercise 4.23 (bonus): route tokens to their top-k experts (mixture of experts).

This exercise is ours; the book's MoE bonus routes tokens without an exercise.

Edit this file, then check it with ``python -m llmscratch check ch04``.
The answer is in ../solutions/ex4_23_top_k_routing.py (try first!).
"""

import torch


def route_tokens(router_logits, k):
    """Pick each token's ``k`` best experts and their mixing weights.

    ``router_logits``: ``(num_tokens, num_experts)`` scores. Return ``(experts, weights)``,
    both ``(num_tokens, k)``: the indices of the ``k`` highest scores of each row, and a
    softmax over those ``k`` scores only, so each row's weights sum to 1 (Qwen3's
    ``norm_topk_prob``). Example: scores ``[2.0, 0.0, 1.0, -1.0]`` with ``k=2`` give experts
    ``[0, 2]`` and weights ``[0.731, 0.269]``.
    """
    raise NotImplementedError("your code here")
