# MUTANT: the far part is skipped when window > num_tokens // 2 ("the band covers most tokens
#   anyway"), so for such windows keys too far back stay visible
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    mask = k > q
    if window <= num_tokens // 2:
        mask = mask | (k <= q - window)
    return mask
EXPECTED_CAUSE = "the far part is skipped for some windows only"
