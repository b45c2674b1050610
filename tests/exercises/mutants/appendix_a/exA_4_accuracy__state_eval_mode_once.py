# MUTANT: model.eval() only on the first call (a module-level flag)
import torch

EXPECTED_CAUSE = "keeps state between calls"

_eval_done = False


def compute_accuracy(model, dataloader):
    global _eval_done
    if not _eval_done:
        model.eval()
        _eval_done = True
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
