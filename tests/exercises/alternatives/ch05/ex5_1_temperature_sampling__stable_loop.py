# Correct: hand-written max-shifted softmax, counts accumulated in a Python loop
import torch


def sampling_frequencies(next_token_logits: torch.Tensor, temperature: float,
                         num_samples: int = 1000, seed: int = 123) -> torch.Tensor:
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    scaled = next_token_logits / temperature
    exps = torch.exp(scaled - scaled.max())
    probas = exps / exps.sum()
    torch.manual_seed(seed)
    samples = torch.multinomial(probas, num_samples=num_samples, replacement=True)
    counts = torch.zeros(len(next_token_logits))
    for token_id in samples.tolist():
        counts[token_id] += 1
    return counts / num_samples
