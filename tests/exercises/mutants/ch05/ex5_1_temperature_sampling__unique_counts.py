# MUTANT: torch.unique counts: tokens never drawn are missing (shorter tensor)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature  # a larger temperature flattens the distribution
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    _, counts = torch.unique(samples, return_counts=True)
    return counts.float() / num_samples

EXPECTED_CAUSE = 'never drawn'
