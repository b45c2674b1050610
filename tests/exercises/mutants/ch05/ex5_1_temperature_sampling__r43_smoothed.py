# MUTANT: the probabilities mixed with a uniform distribution (0.9 * probs + 0.1 / vocab,
#   "smoothing")
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    probas = 0.9 * probas + 0.1 / probas.numel()
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples


EXPECTED_CAUSE = "a mix of softmax(logits / 1.0) with the uniform distribution"
