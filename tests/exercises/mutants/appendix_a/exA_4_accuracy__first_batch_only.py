# MUTANT: only the first batch scored (next(iter(dataloader)))
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    with torch.no_grad():
        features, labels = next(iter(dataloader))
        predictions = torch.argmax(model(features), dim=1)
        return (predictions == labels).sum().item() / len(labels)


EXPECTED_CAUSE = 'next(iter(dataloader))'  # the check's message must name this
