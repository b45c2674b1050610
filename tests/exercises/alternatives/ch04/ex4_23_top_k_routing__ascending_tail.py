# Correct: an ascending sort's last k columns (best expert last), weights in the same order
import torch


def route_tokens(router_logits, k):
    """Pick each token's ``k`` best experts and their mixing weights.

    ``router_logits``: ``(num_tokens, num_experts)`` scores. Return ``(experts, weights)``,
    both ``(num_tokens, k)``: the indices of the ``k`` highest scores of each row, and a
    softmax over those ``k`` scores only, so each row's weights sum to 1 (Qwen3's
    ``norm_topk_prob``). Example: scores ``[2.0, 0.0, 1.0, -1.0]`` with ``k=2`` give experts
    ``[0, 2]`` and weights ``[0.731, 0.269]``.
    """
    top_logits, experts = torch.sort(router_logits, dim=-1)
    top_logits, experts = top_logits[:, -k:], experts[:, -k:]
    return experts, torch.softmax(top_logits, dim=-1)
