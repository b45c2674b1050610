# Mutant: the input logits are divided in place (the caller's tensor changes).
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    next_token_logits /= temperature
    probas = torch.softmax(next_token_logits, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = 'changed in place'
