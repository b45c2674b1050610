# Correct: counts with torch.histc (one bin per id over [0, vocab_size - 1]), F.softmax
import torch
import torch.nn.functional as F


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    vocab_size = next_token_logits.shape[0]
    probas = F.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples, replacement=True)
    counts = torch.histc(samples.float(), bins=vocab_size, min=0, max=vocab_size - 1)
    return counts / num_samples
