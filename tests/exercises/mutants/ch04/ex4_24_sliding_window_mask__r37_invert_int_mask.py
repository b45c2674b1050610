# MUTANT: ~ applied to an int64 band before .bool() (~1 = -2, ~0 = -1): every entry True
import torch


def sliding_window_mask(num_tokens, window):
    ones = torch.ones(num_tokens, num_tokens, dtype=torch.long)
    visible = torch.tril(ones) - torch.tril(ones, diagonal=-window)
    return (~visible).bool()


EXPECTED_CAUSE = "applied ~ to a tensor of dtype int64"
