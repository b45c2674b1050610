# MUTANT: draws with replacement only when num_samples exceeds the vocabulary (small num_samples
#   draw without replacement)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    need_replacement = num_samples > probas.numel()
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=need_replacement)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples


EXPECTED_CAUSE = "the draws were made without replacement (replacement=True only when"
