# MUTANT: scores memoised by (id(model), id(dataloader)) (the memo keeps the model and loader
#   alive, so their ids are never reused and the mistake shows the same way in every run)
import torch

EXPECTED_CAUSE = "keeps state between calls"

_memo = {}


def compute_accuracy(model, dataloader):
    key = (id(model), id(dataloader))
    if key in _memo:
        return _memo[key][0]
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    _memo[key] = (correct / total, model, dataloader)
    return correct / total
