# MUTANT: log-probabilities over every token's scores at once (log_softmax of the flattened
# scores), then each token's top k through a softmax: no underflow, but each score minus the
# shared log-sum-exp is rounded to the step of the largest token's magnitude, so a token far
# below a token near 30,000 gets weights off by about 2e-4
import torch


def route_tokens(router_logits, k):
    logp = torch.log_softmax(router_logits.flatten(), dim=0).view_as(router_logits)
    top, experts = torch.topk(logp, k, dim=-1)
    return experts, torch.softmax(top, dim=-1)


EXPECTED_CAUSE = "log_softmax of the flattened scores"
