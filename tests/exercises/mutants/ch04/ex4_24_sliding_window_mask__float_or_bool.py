# MUTANT: the far part is a float triangle, so | fails in torch (NotImplementedError).
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens)
    return torch.triu(ones, diagonal=1).bool() | torch.tril(ones, diagonal=-window)


EXPECTED_CAUSE = "a bitwise operator (|, & or ~) met a float tensor"
