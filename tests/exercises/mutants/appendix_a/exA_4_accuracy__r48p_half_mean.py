# MUTANT: the accuracy taken as the mean of the comparisons in float16 (.half().mean()), which
#         keeps about 3 significant digits: 3/5 comes out as 0.5996
import torch

EXPECTED_CAUSE = "your fraction was computed in float16"


def compute_accuracy(model, dataloader):
    model.eval()
    predictions, golds = [], []
    with torch.no_grad():
        for features, labels in dataloader:
            predictions.append(model(features).argmax(dim=1))
            golds.append(labels)
    return (torch.cat(predictions) == torch.cat(golds)).half().mean().item()
