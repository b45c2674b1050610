# MUTANT: softmax computed in float32 and cast back to the scores' dtype (float64 loses precision)
import torch


def causal_attention_weights(attn_scores):
    num_tokens = attn_scores.shape[-1]
    future = torch.triu(torch.ones(num_tokens, num_tokens, dtype=torch.bool,
                                   device=attn_scores.device), diagonal=1)
    masked = attn_scores.masked_fill(future, -torch.inf)
    return torch.softmax(masked.float(), dim=-1).to(attn_scores.dtype)


EXPECTED_CAUSE = 'computed in float32 and cast back'
