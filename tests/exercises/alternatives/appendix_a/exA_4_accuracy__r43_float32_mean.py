# Correct: the float32 mean of all the matches joined together (float32 rounding only)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    matches = []
    with torch.no_grad():
        for features, labels in dataloader:
            matches.append(torch.argmax(model(features), dim=1) == labels)
    return torch.cat(matches).float().mean().item()
