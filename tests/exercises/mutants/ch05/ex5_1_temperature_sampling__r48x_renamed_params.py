# MUTANT: the parameters renamed (logits, temp): right by position, a TypeError by name.
import torch


def sampling_frequencies(logits, temp, num_samples=1000, seed=123):
    probas = torch.softmax(logits / temp, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(logits)).float() / num_samples


EXPECTED_CAUSE = "keep the parameter names of the docstring"
