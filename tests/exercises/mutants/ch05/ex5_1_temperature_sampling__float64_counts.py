# Mutant: frequencies returned as float64 (counts.double()).
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(probas)).double() / num_samples

EXPECTED_CAUSE = 'dtype torch.float64, expected torch.float32'
