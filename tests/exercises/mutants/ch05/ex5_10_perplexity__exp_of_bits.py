# Mutant: perplexity as exp of the loss in bits (loss / ln 2) -- mixed bits and nats
import torch


def perplexity(logits, targets):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    return torch.exp(loss / torch.log(torch.tensor(2.0))).item()


EXPECTED_CAUSE = 'exp(loss / ln 2)'
