# MUTANT: two heads of d_out=2 whose concatenated 4 features are cut back to the first 2
# (the second head thrown away)
import torch.nn as nn

from llmscratch import MultiHeadAttentionWrapper

EXPECTED_CAUSE = "keeps only the first 2 of the 4 features"


class FirstTwo(nn.Module):
    def __init__(self, wrapper):
        super().__init__()
        self.heads = wrapper.heads
        self.wrapper = wrapper

    def forward(self, x):
        return self.wrapper(x)[..., :2]


def make_two_dim_wrapper(d_in, context_length, dropout):
    return FirstTwo(MultiHeadAttentionWrapper(d_in, 2, context_length, dropout, num_heads=2))
