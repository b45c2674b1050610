# MUTANT: the far limit moves by an extra token on odd queries (q - window - q % 2);
# no replay covers it (tests the fallback)
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (k <= q - window - q % 2)


EXPECTED_CAUSE = "sees keys [0, 1, 2, 3], expected [1, 2, 3]"
