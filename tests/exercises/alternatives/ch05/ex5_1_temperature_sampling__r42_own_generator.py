# Correct: a private torch.Generator seeded with seed draws the same ids as
# torch.manual_seed(seed) (the global generator is left alone)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature
    probas = torch.softmax(scaled, dim=0)
    gen = torch.Generator().manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True, generator=gen)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
