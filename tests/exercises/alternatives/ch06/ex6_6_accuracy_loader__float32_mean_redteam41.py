# Correct: hits joined, accuracy as a float32 mean (.float().mean().item(), ~1e-8 off)
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    hits = []
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    with torch.no_grad():
        for i, (x, y) in enumerate(data_loader):
            if i >= n:
                break
            x, y = x.to(device), y.to(device)
            hits.append(model(x)[:, -1, :].argmax(dim=-1) == y)
    return torch.cat(hits).float().mean().item()
