# MUTANT: +1 added to the scaled logits above their mean ("boost the likely words")
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature
    scaled = scaled + (next_token_logits > next_token_logits.mean()).float()
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = "added to the scaled logits above their mean"  # named in the message
