# MUTANT: targets renamed labels (Hugging Face's name): right by position, a TypeError by name.
import torch


def perplexity(logits, labels):
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), labels.flatten())
    return torch.exp(loss).item()


EXPECTED_CAUSE = "keep the parameter names of the docstring"
