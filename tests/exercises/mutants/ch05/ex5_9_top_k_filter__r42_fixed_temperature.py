# MUTANT: a fixed temperature 0.7 applied inside the filter (the kept logits divided by 0.7);
# no replay matches: the fallback names the factor on the kept values
import torch


def top_k_filter(logits, top_k):
    top_logits, _ = torch.topk(logits, top_k, dim=-1)
    min_val = top_logits[:, -1:]
    return (logits / 0.7).masked_fill(logits < min_val, float("-inf"))

EXPECTED_CAUSE = "1.429 times the expected"
