# MUTANT: the argmax of sorted logit values (logits.sort(dim=1)[0]) is always the last class
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits, _ = model(features).sort(dim=1)
            predictions = logits.argmax(dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total

EXPECTED_CAUSE = "the argmax of sorted logits"  # the check's message must name this
