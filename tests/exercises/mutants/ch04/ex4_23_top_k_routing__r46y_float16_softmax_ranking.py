# MUTANT: experts ranked by a float16 softmax of the scores (.half()), so scores near
# 20,000 a few units apart tie
import torch

EXPECTED_CAUSE = "ranked in half precision"


def route_tokens(router_logits, k):
    # rank by the router's probabilities (half precision to save memory), weight by the logits
    probs = torch.softmax(router_logits.half(), dim=-1)
    experts = torch.topk(probs, k, dim=-1).indices
    top_logits = router_logits.gather(-1, experts)
    return experts, torch.softmax(top_logits, dim=-1)
