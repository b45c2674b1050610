# MUTANT: positions sliced from a 4,096-entry table made at import: right up to 4,096 tokens
# (every ordinary case), a 4,096 x 4,096 mask for longer inputs
import torch

EXPECTED_CAUSE = "your masks stop at 4096 tokens"

_MAX = 4096
_POS = torch.arange(_MAX)


def sliding_window_mask(num_tokens, window):
    q = _POS[:num_tokens, None]
    k = _POS[None, :num_tokens]
    mask = k > q
    mask |= k <= q - window
    return mask
