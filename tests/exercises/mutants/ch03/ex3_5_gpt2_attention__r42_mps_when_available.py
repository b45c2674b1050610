# MUTANT: the module is moved to Apple's MPS device when one is available
import torch

from llmscratch import MultiHeadAttention


def make_gpt2_attention():
    module = MultiHeadAttention(d_in=768, d_out=768, context_length=1024, dropout=0.0,
                                num_heads=12, qkv_bias=False)
    if torch.backends.mps.is_available():
        module = module.to("mps")
    return module


EXPECTED_CAUSE = "'mps' if torch.backends.mps.is_available()"  # the check's message must name this
