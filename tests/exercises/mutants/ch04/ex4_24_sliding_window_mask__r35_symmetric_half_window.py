# MUTANT: window read as a symmetric (Longformer) width: queries look back window // 2 tokens
import torch

EXPECTED_CAUSE = "the window halved"


def sliding_window_mask(num_tokens, window):
    q = torch.arange(num_tokens)[:, None]
    k = torch.arange(num_tokens)[None, :]
    return (k > q) | (q - k > window // 2)
