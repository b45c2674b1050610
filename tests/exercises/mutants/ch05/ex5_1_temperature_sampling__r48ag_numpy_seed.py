# MUTANT: np.random.seed(seed) instead of torch.manual_seed(seed): torch.multinomial's draws
# stay unseeded
import numpy as np
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    np.random.seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = "you seeded np.random.seed"
