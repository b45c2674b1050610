# MUTANT: torch.cat(list(context_vec), dim=-1) joins the batch's sequences, not the heads
import torch

EXPECTED_CAUSE = "walks dim 0, the batch"


def merge_heads(context_vec):
    return torch.cat(list(context_vec), dim=-1).unsqueeze(0)
