# Correct: batches moved first, zero_grad(set_to_none=True), log_softmax + nll_loss, float(loss)
import torch.nn.functional as F


def train_step(model, optimizer, input_batch, target_batch, device):
    input_batch = input_batch.to(device)
    target_batch = target_batch.to(device)
    model.train()
    optimizer.zero_grad(set_to_none=True)
    log_probas = F.log_softmax(model(input_batch), dim=-1)
    loss = F.nll_loss(log_probas.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return float(loss.detach())
