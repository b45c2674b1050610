# MUTANT: the experts drawn with torch.multinomial from the softmax (sampling, as in text
# generation) instead of each token's k highest scores; the weights are right for those picks
import torch

EXPECTED_CAUSE = "experts are drawn at random"


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1)
    experts = torch.multinomial(probs, k)
    top_logits = torch.gather(router_logits, -1, experts)
    return experts, torch.softmax(top_logits, dim=-1)
