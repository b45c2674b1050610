# MUTANT: a -inf mask over a fixed 8 experts (Mixtral's), the scores copied into its first columns
import torch

NUM_EXPERTS = 8

EXPECTED_CAUSE = "8 experts seem fixed in your code"


def route_tokens(router_logits, k):
    num_tokens = router_logits.shape[0]
    experts = torch.topk(router_logits, k, dim=-1).indices
    masked = torch.full((num_tokens, NUM_EXPERTS), float("-inf"),
                        dtype=router_logits.dtype, device=router_logits.device)
    keep = torch.zeros_like(masked, dtype=torch.bool).scatter(1, experts, True)
    masked[:, : router_logits.shape[1]] = router_logits
    probs = torch.softmax(masked.masked_fill(~keep, float("-inf")), dim=-1)
    return experts, torch.gather(probs, 1, experts)
