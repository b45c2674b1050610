# MUTANT: positions made as int8 with the distance q - k compared: wrong past 127 tokens
import torch


def sliding_window_mask(num_tokens, window):
    pos = torch.arange(num_tokens, dtype=torch.int8)
    distance = pos[:, None] - pos[None, :]
    return (distance < 0) | (distance >= window)


EXPECTED_CAUSE = "positions kept in int8, which holds at most 127, wrap around past it"
