# MUTANT: draws made at temperature 1, then the temperature applied to the counted frequencies
#   (freqs ** (1 / temperature), renormalised)
import torch

EXPECTED_CAUSE = "applied to the counted frequencies"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples, replacement=True)
    freqs = torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
    # sharpen / flatten the observed frequencies with the temperature
    freqs = freqs ** (1.0 / temperature)
    return freqs / freqs.sum()
