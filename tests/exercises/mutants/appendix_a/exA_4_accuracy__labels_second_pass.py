# MUTANT: predictions and labels gathered in two separate passes over the loader (a shuffling
#   loader gives another order the second time)
import torch

EXPECTED_CAUSE = 'the predictions in one pass and the labels in another'


def compute_accuracy(model, dataloader):
    model.eval()
    with torch.no_grad():
        predictions = torch.cat([torch.argmax(model(x), dim=1) for x, _ in dataloader])
    labels = torch.cat([y for _, y in dataloader])
    return (predictions == labels).sum().item() / len(labels)
