# Mutant: noise added to the logits before top-k (noisy top-k from a blog)
import torch


def route_tokens(router_logits, k):
    """Pick each token's ``k`` best experts and their mixing weights.

    ``router_logits``: ``(num_tokens, num_experts)`` scores. Return ``(experts, weights)``,
    both ``(num_tokens, k)``: the indices of the ``k`` highest scores of each row, and a
    softmax over those ``k`` scores only, so each row's weights sum to 1 (Qwen3's
    ``norm_topk_prob``). Example: scores ``[2.0, 0.0, 1.0, -1.0]`` with ``k=2`` give experts
    ``[0, 2]`` and weights ``[0.731, 0.269]``.
    """
    noisy = router_logits + 0.01 * torch.randn_like(router_logits)
    top_logits, experts = torch.topk(noisy, k, dim=-1)
    return experts, torch.softmax(top_logits, dim=-1)


EXPECTED_CAUSE = 'draws random numbers'
