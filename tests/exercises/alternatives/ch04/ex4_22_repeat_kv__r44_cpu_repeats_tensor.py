# Correct: repeat counts as a CPU tensor (repeat_interleave accepts it)
import torch


def repeat_kv(kv, group_size):
    repeats = torch.full((kv.shape[1],), group_size)
    return torch.repeat_interleave(kv, repeats, dim=1)
