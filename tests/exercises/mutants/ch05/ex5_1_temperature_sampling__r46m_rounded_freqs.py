# MUTANT: the frequencies rounded to 2 decimal places (as the docstring's percentages), so they
#   are no longer counts / num_samples
import torch

EXPECTED_CAUSE = "rounded to 2 decimal"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples, replacement=True)
    freqs = torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
    return torch.round(freqs, decimals=2)  # percentages, as in the docstring
