# Mutant: returns the frequencies sorted from largest to smallest (the ids are lost).
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    freqs = torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
    return freqs.sort(descending=True).values


EXPECTED_CAUSE = "sorted from largest to smallest"  # named in the message
