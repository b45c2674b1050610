# MUTANT: each sequence's summed loss averaged over the batch, then divided by
# targets.shape[0] (the batch size again) where targets.shape[1] (the tokens) was meant;
# with a batch of 2 and 3 tokens, batch x batch = 4 = batch x (num_tokens - 1)
import torch

EXPECTED_CAUSE = "divided by the batch size twice"


def perplexity(logits, targets):
    # cross_entropy wants (N, C, ...): move the vocabulary to dim 1
    loss = torch.nn.functional.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    return torch.exp(loss.sum(dim=1).mean() / targets.shape[0]).item()
