# MUTANT: the frequencies are returned in the logits' dtype (float64 logits give float64
# frequencies), not float32
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    counts = torch.bincount(samples, minlength=len(next_token_logits))
    return counts.to(next_token_logits.dtype) / num_samples

EXPECTED_CAUSE = "follow the logits' dtype"
