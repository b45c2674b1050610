# Mutant: the softmax runs over dim 0 of a (1, vocab_size) view: all ones, uniform draws.
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = (next_token_logits / temperature).view(1, -1)  # (1, vocab_size)
    probas = torch.softmax(scaled, dim=0)[0]
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples


EXPECTED_CAUSE = "about equally often"  # named in the message
