# MUTANT: temperatures of 1 and above cut to a whole number (int(temperature)): 1.5 acts as 1,
# while whole temperatures and those below 1 work.
import torch

EXPECTED_CAUSE = "the temperature was cut to a whole number"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    temperature = int(temperature) if temperature >= 1 else temperature
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
