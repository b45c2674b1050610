# MUTANT: computed under torch.no_grad(): no gradient reaches the scores
import torch


def causal_attention_weights(attn_scores):
    with torch.no_grad():
        n = attn_scores.shape[-1]
        future = torch.triu(torch.ones(n, n, dtype=torch.bool, device=attn_scores.device),
                            diagonal=1)
        return torch.softmax(attn_scores.masked_fill(future, -torch.inf), dim=-1)


EXPECTED_CAUSE = 'do not depend on them for autograd'  # the check's message must name this
