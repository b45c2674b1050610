# Correct: mask from comparing arange indices (key index > query index), float("-inf"), .softmax
import torch


def causal_attention_weights(attn_scores):
    num_tokens = attn_scores.shape[-1]
    idx = torch.arange(num_tokens, device=attn_scores.device)
    future = idx[None, :] > idx[:, None]  # (num_tokens, num_tokens), True above the diagonal
    return attn_scores.masked_fill(future, float("-inf")).softmax(dim=-1)
