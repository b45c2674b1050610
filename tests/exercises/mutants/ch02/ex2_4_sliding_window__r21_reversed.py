"""The windows come last-first (the starts iterated in reverse)."""
import torch

EXPECTED_CAUSE = "the right ones in reverse order"


def sliding_windows(token_ids, max_length, stride):
    starts = list(range(0, len(token_ids) - max_length, stride))[::-1]
    x = [list(token_ids[s : s + max_length]) for s in starts]
    y = [list(token_ids[s + 1 : s + max_length + 1]) for s in starts]
    return torch.tensor(x, dtype=torch.long), torch.tensor(y, dtype=torch.long)
