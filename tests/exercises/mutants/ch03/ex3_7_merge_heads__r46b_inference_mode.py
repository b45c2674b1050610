# MUTANT: the merge done under torch.inference_mode(): an inference tensor without grad_fn
import torch


def merge_heads(context_vec):
    b, num_heads, num_tokens, head_dim = context_vec.shape
    with torch.inference_mode():
        return context_vec.transpose(1, 2).reshape(b, num_tokens, num_heads * head_dim)

EXPECTED_CAUSE = "an inference tensor"
