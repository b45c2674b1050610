# MUTANT: results cached by (temperature, num_samples, seed) only: a second call with
# other logits at the same temperature returns the first call's frequencies
import torch

_cache = {}


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    key = (float(temperature), num_samples, seed)
    if key not in _cache:
        scaled = next_token_logits / temperature
        probas = torch.softmax(scaled, dim=0)
        torch.manual_seed(seed)
        samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
        counts = torch.bincount(samples, minlength=len(next_token_logits))
        _cache[key] = counts.float() / num_samples
    return _cache[key]

EXPECTED_CAUSE = "keeps state between calls"
