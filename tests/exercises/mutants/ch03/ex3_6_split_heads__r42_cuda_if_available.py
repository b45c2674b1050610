# MUTANT: the heads are moved to CUDA with .to("cuda") when a GPU is available
import torch


def split_heads(x, num_heads):
    b, num_tokens, d_out = x.shape
    heads = x.view(b, num_tokens, num_heads, d_out // num_heads).transpose(1, 2)
    return heads.to("cuda") if torch.cuda.is_available() else heads


EXPECTED_CAUSE = "moves tensors to the GPU when one is available"
