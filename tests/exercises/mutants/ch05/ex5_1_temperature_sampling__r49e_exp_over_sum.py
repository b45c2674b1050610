# MUTANT: a hand-written softmax, exp(logits / temperature) / sum, with no maximum
# subtracted: exp overflows float32 at a low temperature.
import torch

EXPECTED_CAUSE = "exp(logits / temperature) overflows"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature
    exps = torch.exp(scaled)
    probas = exps / exps.sum()
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
