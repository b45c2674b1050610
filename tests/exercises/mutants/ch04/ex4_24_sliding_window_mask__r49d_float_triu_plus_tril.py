# MUTANT: a float 0/1 mask, triu(ones, 1) + tril(ones, -window), not bool.
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens)
    return torch.triu(ones, diagonal=1) + torch.tril(ones, diagonal=-window)


EXPECTED_CAUSE = "return a bool tensor"
