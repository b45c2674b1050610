# MUTANT: rows built per query and joined with torch.stack, which fails for num_tokens=0
import torch


def sliding_window_mask(num_tokens, window):
    rows = []
    for q in range(num_tokens):
        k = torch.arange(num_tokens)
        rows.append((k > q) | (k <= q - window))
    return torch.stack(rows)


EXPECTED_CAUSE = "joined with torch.stack, which fails on a list of none"
