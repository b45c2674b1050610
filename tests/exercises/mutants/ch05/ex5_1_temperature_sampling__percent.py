# Mutant: frequencies returned in percent (times 100), as the book prints them
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature  # a larger temperature flattens the distribution
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples * 100


EXPECTED_CAUSE = 'percentages'
