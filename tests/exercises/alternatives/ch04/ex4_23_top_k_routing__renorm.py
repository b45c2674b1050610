# Correct: Qwen3's way: softmax over all experts, keep the top-k probabilities, divide by their sum
import torch


def route_tokens(router_logits, k):
    probs = torch.softmax(router_logits, dim=-1, dtype=torch.float32).to(router_logits.dtype)
    top_p, experts = torch.topk(probs, k, dim=-1)
    return experts, top_p / top_p.sum(dim=-1, keepdim=True)
