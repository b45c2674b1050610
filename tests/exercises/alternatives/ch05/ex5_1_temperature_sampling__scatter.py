# Correct: probabilities via exp(log_softmax), counts via scatter_add_, frequencies via mean-like
# division
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    log_probas = torch.log_softmax(next_token_logits / temperature, dim=0)
    probas = log_probas.exp()
    torch.manual_seed(seed)
    ids = torch.multinomial(probas, num_samples, True)
    counts = torch.zeros_like(next_token_logits, dtype=torch.float32)
    counts.scatter_add_(0, ids, torch.ones(num_samples))
    return counts.div(float(num_samples))
