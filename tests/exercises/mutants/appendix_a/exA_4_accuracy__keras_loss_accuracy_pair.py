# MUTANT: a Keras-style (loss, accuracy) pair returned (model.evaluate habit)
import torch
import torch.nn.functional as F


def compute_accuracy(model, dataloader):
    model.eval()
    correct, total, loss_sum = 0, 0, 0.0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)
            loss_sum += F.cross_entropy(logits, labels, reduction="sum").item()
            correct += (logits.argmax(dim=1) == labels).sum().item()
            total += len(labels)
    return loss_sum / total, correct / total

EXPECTED_CAUSE = "a Keras-style (loss, accuracy) pair"
