# Correct: torch.inference_mode, logits.argmax(-1), labels.numel(), eval() inside the context
import torch


def compute_accuracy(model, dataloader):
    correct, seen = 0, 0
    with torch.inference_mode():
        model.eval()
        for x, y in dataloader:
            pred = model(x).argmax(dim=-1)
            correct += int((pred == y).sum())
            seen += y.numel()
    return correct / seen
