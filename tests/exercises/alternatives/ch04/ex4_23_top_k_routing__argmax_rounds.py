# Right: k rounds of argmax, each pick masked with -inf (ties go to the lowest index)
import torch


def route_tokens(router_logits, k):
    scores = router_logits.clone()
    picks = []
    for _ in range(k):
        e = scores.argmax(dim=-1, keepdim=True)
        picks.append(e)
        scores = scores.scatter(-1, e, float("-inf"))
    experts = torch.cat(picks, dim=-1)
    return experts, torch.softmax(router_logits.gather(-1, experts), dim=-1)
