# MUTANT: the argmax taken over logits[:, :-1], a slice one short, so the last class is never
# predicted (with 2 classes every prediction is class 0)
import torch

EXPECTED_CAUSE = "the last class is never predicted"


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features)[:, :-1], dim=1)
            correct += (predictions == labels).sum().item()
            total += len(labels)
    return correct / total
