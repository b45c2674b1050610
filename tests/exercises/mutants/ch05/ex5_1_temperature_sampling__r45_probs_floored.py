# MUTANT: probabilities clamped to at least 0.01 "so no token is impossible" (rare tokens drawn
#   too often)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature
    probas = torch.softmax(scaled, dim=0).clamp(min=0.01)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = "clamped from below (clamp(min="  # named in the message
