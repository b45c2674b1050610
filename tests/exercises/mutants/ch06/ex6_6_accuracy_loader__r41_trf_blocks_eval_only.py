# MUTANT: only model.trf_blocks.eval(): the embedding dropout stays in train mode
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.trf_blocks.eval()
    correct, seen = 0, 0
    n = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (x, y) in enumerate(data_loader):
        if i >= n:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            predicted = model(x)[:, -1, :].argmax(dim=-1)
        seen += len(y)
        correct += (predicted == y).sum().item()
    return correct / seen

EXPECTED_CAUSE = "only its submodule trf_blocks was switched to eval mode"
