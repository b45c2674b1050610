# MUTANT: only the positive logits are divided by the temperature (negative ones left as they are)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = torch.where(next_token_logits > 0, next_token_logits / temperature, next_token_logits)
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = "divided by the temperature only on one side"  # named in the message
