# Mutant: draws without replacement, capped at the vocabulary size.
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    n = min(num_samples, len(probas))
    s = torch.multinomial(probas, num_samples=n, replacement=False)
    return torch.bincount(s, minlength=len(next_token_logits)).float() / n


EXPECTED_CAUSE = "drawn exactly once"
