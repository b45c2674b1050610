# Mutant: the seed set again before every single draw.
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    samples = []
    for _ in range(num_samples):
        torch.manual_seed(seed)
        samples.append(torch.multinomial(probas, num_samples=1).item())
    counts = torch.bincount(torch.tensor(samples), minlength=len(next_token_logits))
    return counts.float() / num_samples

EXPECTED_CAUSE = 'seed was set again before each draw'  # named in the message
