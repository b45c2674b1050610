# MUTANT: 1000 draws written into torch.multinomial and the counts divided by len(samples):
# the frequencies sum to 1, every one a multiple of 0.001 (not a rounding)
import torch

EXPECTED_CAUSE = "the number of draws is fixed in your code"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=1000, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / len(samples)
