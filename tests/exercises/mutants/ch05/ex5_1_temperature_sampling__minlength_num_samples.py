# Mutant: bincount minlength set to num_samples instead of the vocabulary size.
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=num_samples).float() / num_samples

EXPECTED_CAUSE = "bincount's minlength is the vocabulary size"
