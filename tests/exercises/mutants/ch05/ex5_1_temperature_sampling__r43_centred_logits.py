# MUTANT: the logits are centred by their mean before scaling; a -inf logit (a filtered
#   vocabulary) makes every value NaN
import torch


def sampling_frequencies(next_token_logits, temperature, num_samples=1000, seed=123):
    centred = next_token_logits - next_token_logits.mean()  # for numerical stability
    probas = torch.softmax(centred / temperature, dim=0)
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    return torch.bincount(samples, minlength=len(next_token_logits)).float() / num_samples


EXPECTED_CAUSE = "turned -inf into NaN"
