# MUTANT: the probabilities rounded to bfloat16 before torch.multinomial (the frequencies stay
# within sampling noise, but some draws move to a neighbouring token)
import torch

EXPECTED_CAUSE = "probabilities rounded to bfloat16"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0).bfloat16()
    torch.manual_seed(seed)
    samples = torch.multinomial(probas.float(), num_samples=num_samples, replacement=True)
    counts = torch.bincount(samples, minlength=len(next_token_logits))
    return counts.float() / num_samples
