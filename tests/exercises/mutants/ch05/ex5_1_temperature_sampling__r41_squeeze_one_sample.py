# MUTANT: the draws are squeezed (samples.squeeze()), so a single draw (num_samples=1)
# becomes a 0-d tensor that bincount refuses
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits / temperature
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True).squeeze()
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = "samples.squeeze()"
