# MUTANT: the product runs in float16 and is cast back
"""Kept wrong answer (see EXPECTED_CAUSE)."""

import torch
import torch.nn.functional as F


def embedding_via_onehot(token_ids, weight):
    oh = F.one_hot(token_ids, weight.shape[0]).half()
    return (oh @ weight.half()).to(weight.dtype)


EXPECTED_CAUSE = 'rounded to float16'  # the check's message must name this
