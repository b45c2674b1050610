# Mutant: torch.histc with its default range (the smallest to the largest id drawn).
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.histc(samples.float(), bins=len(next_token_logits)) / num_samples

EXPECTED_CAUSE = 'torch.histc(samples, bins='  # named in the message
