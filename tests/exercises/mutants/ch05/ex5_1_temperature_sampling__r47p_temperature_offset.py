# MUTANT: 0.1 added to the temperature "against a division by zero": logits / (temperature + 0.1),
# which at temperature 0.1 looks like a floor at 0.2
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / (temperature + 0.1), dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples


EXPECTED_CAUSE = "a constant added to the temperature"
