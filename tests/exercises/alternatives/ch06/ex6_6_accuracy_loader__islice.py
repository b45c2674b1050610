# Correct: itertools.islice for num_batches, inference_mode, numel for the examples seen
import itertools

import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct = seen = 0
    with torch.inference_mode():
        for input_batch, target_batch in itertools.islice(data_loader, num_batches):
            input_batch = input_batch.to(device)
            target_batch = target_batch.to(device)
            predicted = model(input_batch)[:, -1, :].argmax(dim=-1)
            correct += int((predicted == target_batch).sum())
            seen += target_batch.numel()
    return correct / seen
