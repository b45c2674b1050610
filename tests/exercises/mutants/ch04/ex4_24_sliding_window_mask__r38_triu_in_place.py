# MUTANT: triu_ cuts the shared ones in place, so the far part tril(-window) is empty
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens, dtype=torch.bool)
    future = ones.triu_(diagonal=1)
    too_far = ones.tril(diagonal=-window)
    return future | too_far


EXPECTED_CAUSE = "your code calls .triu_() in place"
