# MUTANT: a nucleus (top-p 0.95) filter copied from a blog before the draw
#   (told from top-k by 12 nearly equal logits)
import torch

EXPECTED_CAUSE = "top-p (nucleus)"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature
    probas = torch.softmax(scaled, dim=0)
    sorted_p, order = torch.sort(probas, descending=True)
    cum = torch.cumsum(sorted_p, dim=0)
    drop = cum - sorted_p > 0.95
    sorted_p[drop] = 0.0
    probas = torch.zeros_like(probas).scatter(0, order, sorted_p)
    probas = probas / probas.sum()
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
