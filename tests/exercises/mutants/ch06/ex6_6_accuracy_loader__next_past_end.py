# MUTANT: next() on one iterator num_batches times: StopIteration past the loader's end
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    batches = iter(data_loader)
    for _ in range(len(data_loader) if num_batches is None else num_batches):
        input_batch, target_batch = next(batches)
        input_batch, target_batch = input_batch.to(device), target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        predicted = torch.argmax(logits, dim=-1)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return correct / seen


EXPECTED_CAUSE = 'ran past its end'
