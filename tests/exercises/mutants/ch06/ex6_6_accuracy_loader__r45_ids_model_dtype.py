# MUTANT: the inputs cast to the model's dtype when moved (bfloat16 ids for a bfloat16 model)
import torch


def calc_accuracy_loader(data_loader, model, device, num_batches=None):
    model.eval()
    dtype = next(model.parameters()).dtype
    correct, seen = 0, 0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if num_batches is not None and i >= num_batches:
            break
        if dtype != torch.float32:
            input_batch = input_batch.to(device=device, dtype=dtype)
        else:
            input_batch = input_batch.to(device)
        target_batch = target_batch.to(device)
        with torch.no_grad():
            logits = model(input_batch)[:, -1, :]
        predicted = torch.argmax(logits, dim=-1)
        seen += predicted.shape[0]
        correct += (predicted == target_batch).sum().item()
    return correct / seen

EXPECTED_CAUSE = "received token ids as torch.bfloat16"
