# MUTANT: only torch.cuda.manual_seed(seed) is called, which leaves the CPU generator that
# torch.multinomial reads unseeded
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.cuda.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples

EXPECTED_CAUSE = "torch.cuda.manual_seed seeds only the gpus"
