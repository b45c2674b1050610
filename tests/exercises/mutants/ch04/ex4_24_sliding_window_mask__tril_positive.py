# MUTANT: tril with diagonal=+window instead of -window
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens, dtype=torch.bool)
    return torch.triu(ones, diagonal=1) | torch.tril(ones, diagonal=window)


EXPECTED_CAUSE = 'not diagonal=window'
