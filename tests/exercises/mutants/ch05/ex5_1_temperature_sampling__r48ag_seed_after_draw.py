# MUTANT: torch.manual_seed(seed) called after torch.multinomial, so the draws come from the
# caller's random state (within sampling noise of the right frequencies, never the same draws)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    torch.manual_seed(seed)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = "called only after torch.multinomial"
