# MUTANT: the temperature floored at 0.1 (max(temperature, 0.1)) to avoid a huge division
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / max(temperature, 0.1), dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples


EXPECTED_CAUSE = "a floor at 0.1"
