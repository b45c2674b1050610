# Correct: the softmax runs in float32 and is cast back, as Hugging Face's Qwen3 router does.
import torch


def route_tokens(router_logits, k):
    top_scores, experts = torch.topk(router_logits, k, dim=-1)
    return experts, torch.softmax(top_scores.float(), dim=-1).to(router_logits.dtype)
