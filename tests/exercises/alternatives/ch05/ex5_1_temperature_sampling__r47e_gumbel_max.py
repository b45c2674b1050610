# ALTERNATIVE: the Gumbel-max trick: the argmax of the scaled logits plus Gumbel noise is a
#   draw from their softmax, so the frequencies follow the same distribution (other draws
#   than torch.multinomial's, as the book's loop of single draws)
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    torch.manual_seed(seed)
    scaled = next_token_logits / temperature
    u = torch.rand(num_samples, len(next_token_logits))
    gumbel = -torch.log(-torch.log(u))
    samples = torch.argmax(scaled + gumbel, dim=1)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples
