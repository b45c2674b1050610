# Correct: predictions and labels of all batches concatenated, then the mean of the matches
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    limit = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    preds, labels = [], []
    with torch.no_grad():
        for i, (inputs, targets) in enumerate(data_loader):
            if i == limit:
                break
            inputs, targets = inputs.to(device), targets.to(device)
            preds.append(torch.argmax(model(inputs)[:, -1, :], dim=-1))
            labels.append(targets)
    matches = torch.cat(preds) == torch.cat(labels)
    return matches.double().mean().item()
