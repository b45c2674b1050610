# Mutant: temperature clamped to at least 1 (max(temperature, 1)): low temperatures do not sharpen
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / max(temperature, 1.0)
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples


EXPECTED_CAUSE = 'max(temperature, 1)'
