# Correct: the argmax taken at every position, then the last position's prediction read
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    with torch.no_grad():
        for i, (input_batch, target_batch) in enumerate(data_loader):
            if num_batches is not None and i >= num_batches:
                break
            input_batch, target_batch = input_batch.to(device), target_batch.to(device)
            predicted = model(input_batch).argmax(dim=-1)[:, -1]
            seen += len(target_batch)
            correct += int((predicted == target_batch).sum())
    return correct / seen
