# Correct: the loader listed once, list(data_loader)[:num_batches]
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    for input_batch, target_batch in list(data_loader)[:num_batches]:
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        predicted = torch.argmax(logits, dim=-1)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return correct / seen
