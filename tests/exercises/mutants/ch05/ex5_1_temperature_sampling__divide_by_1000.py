# Mutant: the counts divided by a hard-coded 1000 instead of num_samples.
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / 1000

EXPECTED_CAUSE = "divided by 1000, a fixed number"
