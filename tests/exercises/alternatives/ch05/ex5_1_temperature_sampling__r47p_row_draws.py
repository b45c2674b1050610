# Correct: one draw from each of num_samples copies of the probabilities (a batch of
# rows, one multinomial draw per row): other draws than one call's, from the same distribution
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas.expand(num_samples, -1), 1).flatten()
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
