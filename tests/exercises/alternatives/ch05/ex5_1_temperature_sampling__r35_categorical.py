# ALTERNATIVE: torch.distributions.Categorical.sample uses torch.multinomial with replacement under
#   the hood
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    dist = torch.distributions.Categorical(logits=next_token_logits / temperature)
    torch.manual_seed(seed)
    samples = dist.sample((num_samples,))
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
