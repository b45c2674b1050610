import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    correct, seen = 0, 0
    for i, (input_ids, target) in enumerate(data_loader.dataset):
        if num_batches is not None and i >= num_batches:
            break
        with torch.no_grad():
            logits = model(input_ids.unsqueeze(0).to(device))[:, -1, :]
        correct += int(torch.argmax(logits, dim=-1).item() == int(target))
        seen += 1
    return correct / seen


EXPECTED_CAUSE = 'you looped over data_loader.dataset'
