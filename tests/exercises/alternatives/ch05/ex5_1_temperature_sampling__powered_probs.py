# Correct: softmax(logits) ** (1 / T) left unnormalised (multinomial normalises it)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits, dim=0) ** (1 / temperature)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
