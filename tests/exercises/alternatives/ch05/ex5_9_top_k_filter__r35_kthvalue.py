# ALTERNATIVE: the top_k-th largest is the (V - top_k + 1)-th smallest: kthvalue with that k gives
#   the same threshold
import torch


def top_k_filter(logits, top_k):
    vocab = logits.shape[-1]
    min_val, _ = torch.kthvalue(logits, vocab - top_k + 1, dim=-1, keepdim=True)
    return logits.masked_fill(logits < min_val, float("-inf"))
