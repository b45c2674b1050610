# MUTANT: a hand-written stable softmax that subtracts the maximum of the RAW logits from the
# scaled ones (logits / temperature - logits.max()): exp still overflows at low temperatures.
import torch

EXPECTED_CAUSE = "it is the raw logits' maximum"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature - next_token_logits.max()
    probas = torch.exp(scaled)
    probas = probas / probas.sum()
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
