# MUTANT: the frequencies rounded to 3 decimals one by one with Python's round(), which stays within
#   sampling noise of the right ones but is no longer counts / num_samples
import torch

EXPECTED_CAUSE = "rounded to 3 decimal"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples, replacement=True)
    freqs = torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
    return torch.tensor([round(f, 3) for f in freqs.tolist()])
