# ALTERNATIVE: multinomial takes unnormalised weights; softmax(l)**(1/T) is proportional to
#   softmax(l/T)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    weights = torch.softmax(next_token_logits, dim=0) ** (1.0 / temperature)
    torch.manual_seed(seed)
    samples = torch.multinomial(weights, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
