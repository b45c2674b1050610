# MUTANT: a bias given to the key projection alone (W_key rebuilt as nn.Linear(768, 768))
"""Exercise 3.5: a multi-head attention module the size of GPT-2 small's."""

import torch

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    module = MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                                num_heads=12, qkv_bias=False)
    module.W_key = torch.nn.Linear(768, 768)  # bias=True is nn.Linear's default
    return module


EXPECTED_CAUSE = "1 vector of 768 (a bias or a norm's weight) more"  # the check must name this
