# MUTANT: one softmax over every score of every token (the flattened scores), then each token's
# top k renormalised: equal on paper, but in float32 a token whose scores lie about 100 or more
# below another token's gets probabilities of exactly 0, so its top-k picks among zeros (and
# its weights are 0 / 0 = NaN)
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits.flatten(), dim=0).view_as(router_logits)
    w, experts = torch.topk(probs, k, dim=-1)
    return experts, w / w.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "over all tokens' scores at once"
