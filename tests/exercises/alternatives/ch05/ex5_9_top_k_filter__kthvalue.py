# Correct: k-th largest as the (vocab - k + 1)-th smallest via kthvalue, clone + index assignment
import torch


def top_k_filter(logits, top_k):
    vocab_size = logits.shape[-1]
    kth_largest = torch.kthvalue(logits, vocab_size - top_k + 1, dim=-1, keepdim=True).values
    out = logits.clone()
    out[out < kth_largest] = float("-inf")
    return out
