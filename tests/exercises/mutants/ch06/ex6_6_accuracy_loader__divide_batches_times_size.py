# MUTANT: divides by num_batches * batch_size (unclipped num_batches, nominal batch size) not the
# examples seen
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    if num_batches is None:
        num_batches = len(data_loader)
    correct = 0
    for i, (x, y) in enumerate(data_loader):
        if i >= num_batches:
            break
        x, y = x.to(device), y.to(device)
        with torch.no_grad():
            logits = model(x)[:, -1, :]
        correct += (torch.argmax(logits, dim=-1) == y).sum().item()
    return correct / (num_batches * data_loader.batch_size)


EXPECTED_CAUSE = 'you divided by num_batches x batch_size'
