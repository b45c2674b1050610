# MUTANT: negative logits clamped to 0 (relu) before the temperature; no replay matches, the
#   fallback says the small logits gained probability
import torch

EXPECTED_CAUSE = "the ids with the smallest logits came up more often"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = torch.relu(next_token_logits) / temperature
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
