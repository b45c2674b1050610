# MUTANT: the module built under torch.inference_mode() (inference-tensor parameters)
import torch

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    with torch.inference_mode():
        return MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                                  num_heads=12, qkv_bias=False)

EXPECTED_CAUSE = "built under torch.inference_mode()"
