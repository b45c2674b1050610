# MUTANT: each batch read over range(dataloader.batch_size): the short last batch crashes
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    correct = 0
    total = 0
    with torch.no_grad():
        for features, labels in dataloader:
            predictions = torch.argmax(model(features), dim=1)
            for i in range(dataloader.batch_size):
                if predictions[i] == labels[i]:
                    correct += 1
                total += 1
    return correct / total


EXPECTED_CAUSE = 'indexes each batch up to a fixed size'  # the check's message must name this
