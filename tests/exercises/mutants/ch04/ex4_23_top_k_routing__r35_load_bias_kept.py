# MUTANT: a load-balancing bias kept between calls is subtracted from the scores
import torch

EXPECTED_CAUSE = "your code keeps state between calls"


_load = {}


def route_tokens(router_logits, k):
    num_experts = router_logits.shape[-1]
    load = _load.setdefault(num_experts, torch.zeros(num_experts))
    _, experts = torch.topk(router_logits - 0.5 * load, k, dim=-1)
    load += torch.bincount(experts.flatten(), minlength=num_experts) / experts.numel()
    return experts, torch.softmax(router_logits.gather(-1, experts), dim=-1)
