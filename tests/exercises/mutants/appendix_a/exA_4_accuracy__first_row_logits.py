# MUTANT: model(features)[0]: only the first example's logits, compared with every label
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            logits = model(features)[0]
            correct += (logits.argmax(dim=-1) == labels).sum().item()
            total += len(labels)
    return correct / total


EXPECTED_CAUSE = "you scored the first example's logits only"  # the check's hint
