# MUTANT: float16 positions with a half-step far limit (k < q - window + 0.5): wrong only past
# 1,024; no replay matches, the fallback says every wrong place lies past one position.
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens, dtype=torch.float16)[:, None]
    k = torch.arange(num_tokens, dtype=torch.float16)[None, :]
    return (k > q) | (k < q - window + 0.5)


EXPECTED_CAUSE = "loses whole numbers (or halves) there"
