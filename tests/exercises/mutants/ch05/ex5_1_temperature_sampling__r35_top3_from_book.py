# MUTANT: top-k filtering with k=3 (copied from the book's later section) before the softmax; ids
#   outside the top 3 never drawn
import torch

EXPECTED_CAUSE = "with the frequencies of a top-k filter (k = 3)"


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    top_logits, _ = torch.topk(next_token_logits, 3)
    filtered = torch.where(next_token_logits < top_logits[-1],
                           torch.tensor(float("-inf")), next_token_logits)
    probas = torch.softmax(filtered / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
