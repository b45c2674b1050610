# MUTANT: a hand-written softmax over each token's k chosen scores, shifted by one max over the
# whole score tensor (router_logits.max(), no dim): a token far below the top token's scores
# gets exp(score - max) = 0 for every slot, and 0 / 0 = NaN weights
import torch


def route_tokens(router_logits, k):
    top_logits, experts = torch.topk(router_logits, k, dim=-1)
    e = torch.exp(top_logits - router_logits.max())
    return experts, e / e.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "over all tokens' scores at once"
