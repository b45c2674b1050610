# MUTANT: the logits cast to float16 before the division by the temperature ("to save
# memory"): close logits at GPT-2's scale merge, and a low temperature magnifies it.
import torch

EXPECTED_CAUSE = "cast to float16 before the division"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    scaled = next_token_logits.half() / temperature
    probas = torch.softmax(scaled, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
