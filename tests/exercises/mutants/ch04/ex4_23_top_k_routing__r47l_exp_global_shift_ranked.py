# MUTANT: the scores turned into exp(score - max) with one max over all tokens BEFORE the top-k,
# then each token's k values renormalised: a token far below the top token's scores has every
# value underflow to 0, so its experts are picked among zeros
import torch


def route_tokens(router_logits, k):
    e = torch.exp(router_logits - router_logits.max())
    top, experts = torch.topk(e, k, dim=-1)
    return experts, top / top.sum(dim=-1, keepdim=True)


EXPECTED_CAUSE = "over all tokens' scores at once"
