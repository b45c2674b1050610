# MUTANT: top_k capped at vocab_size - 1 'to stay in range' (k = vocab keeps one fewer)
import torch


def top_k_filter(logits, top_k):
    top_k = min(top_k, logits.shape[-1] - 1)
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    return logits.masked_fill(logits < min_val, float("-inf"))


EXPECTED_CAUSE = 'capped at vocab_size - 1'
