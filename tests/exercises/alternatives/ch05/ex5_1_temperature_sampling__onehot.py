# Correct: F.softmax, seed set before the softmax, counts from a one_hot sum, explicit float32
import torch
import torch.nn.functional as F


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    torch.manual_seed(seed)  # the softmax draws nothing, so seeding first is the same
    probas = F.softmax(torch.div(next_token_logits, temperature), dim=-1)
    draws = torch.multinomial(probas, num_samples, replacement=True)
    counts = F.one_hot(draws, num_classes=next_token_logits.shape[0]).sum(dim=0)
    return counts.to(torch.float32) / num_samples
