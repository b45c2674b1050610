# Mutant: softmax written as exp / sum without subtracting the maximum: overflows at a
# small temperature.
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits.clone()
    scaled /= temperature
    scaled.exp_()
    probas = scaled / scaled.sum()
    torch.manual_seed(seed)
    draws = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(draws, minlength=scaled.numel()).float() / num_samples

EXPECTED_CAUSE = "overflows float32"
