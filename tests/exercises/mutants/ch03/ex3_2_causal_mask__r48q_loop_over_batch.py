# MUTANT: a loop over dim 0 taken as the batch: for 2-D scores each query's row is masked on
# its own, broadcast up to the (n, n) mask, and the n results stacked to (n, n, n)
import torch


def causal_attention_weights(attn_scores):
    n = attn_scores.shape[-1]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device), diagonal=1)
    return torch.stack([torch.softmax(s.masked_fill(future, -torch.inf), dim=-1)
                        for s in attn_scores])


EXPECTED_CAUSE = "loops (or unbinds) over the first dimension as if it were the batch"
