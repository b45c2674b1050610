# MUTANT: token 0 kept visible to every query (an attention sink, as in gpt-oss), never too far
import torch


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | ((k <= q - window) & (k != 0))


EXPECTED_CAUSE = "as an attention sink"
