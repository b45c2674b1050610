# Correct: the book's print_sampled_tokens way: num_samples single draws of torch.multinomial in a
# loop (with replacement by construction; another random stream than one call of num_samples)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    probas = torch.softmax(next_token_logits / temperature, dim=0)
    torch.manual_seed(seed)
    samples = [torch.multinomial(probas, num_samples=1).item() for _ in range(num_samples)]
    counts = torch.bincount(torch.tensor(samples), minlength=len(next_token_logits))
    return counts.float() / num_samples
