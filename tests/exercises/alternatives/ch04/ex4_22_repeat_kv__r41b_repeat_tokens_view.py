# Correct: repeat along the tokens then view as (b, g*s, t, d): each head's block of s*t rows splits
#   into s whole copies of that head, giving A, A, B, B
import torch


def repeat_kv(kv, group_size):
    b, g, t, d = kv.shape
    return kv.repeat(1, 1, group_size, 1).view(b, g * group_size, t, d)
