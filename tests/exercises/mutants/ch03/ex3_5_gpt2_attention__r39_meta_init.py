# MUTANT: built under torch.device("meta") to save memory: the parameters hold no values
import torch

from llmscratch import MultiHeadAttention

EXPECTED_CAUSE = "built under torch.device('meta')"


def make_gpt2_attention():
    with torch.device("meta"):
        return MultiHeadAttention(768, 768, 1024, 0.0, 12, qkv_bias=False)
