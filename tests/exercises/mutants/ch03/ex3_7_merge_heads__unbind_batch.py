# MUTANT: unbind(0) (over the batch) instead of unbind(1) before cat
import torch


def merge_heads(context_vec):
    return torch.cat(context_vec.unbind(0), dim=-1).transpose(0, 1).flatten(1).unsqueeze(0)


EXPECTED_CAUSE = "the batch's sequences were joined"  # the check's message must name this
