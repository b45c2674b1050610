# MUTANT: one top-(k * batch) over the whole flattened batch instead of top-k per row
import torch


def top_k_filter(logits, top_k):
    flat = logits.flatten()
    threshold = torch.topk(flat, top_k * logits.shape[0]).values[-1]
    return logits.masked_fill(logits < threshold, float("-inf"))


EXPECTED_CAUSE = "the (k x batch)-th largest of the flattened batch"
