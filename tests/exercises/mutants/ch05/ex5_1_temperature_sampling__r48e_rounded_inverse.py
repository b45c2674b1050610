# MUTANT: the logits multiplied by the inverse temperature rounded to a whole number,
# round(1 / temperature): 0 above temperature 2, so the draws are uniform there.
import torch

EXPECTED_CAUSE = "round(1 / 5.0) = 0"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    # scale by an integer inverse temperature (rounded)
    inv_t = round(1 / temperature)
    probas = torch.softmax(next_token_logits * inv_t, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
