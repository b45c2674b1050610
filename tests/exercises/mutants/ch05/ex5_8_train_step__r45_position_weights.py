# MUTANT: the loss of each position is weighted by its position (later tokens count more: "they
#   have more context")
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    per_token = torch.nn.functional.cross_entropy(logits.transpose(1, 2), target_batch,
                                                  reduction="none")
    weights = torch.arange(1, per_token.shape[1] + 1, device=per_token.device,
                           dtype=per_token.dtype)
    loss = (per_token * weights).sum() / (weights.sum() * per_token.shape[0])
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = "weights the positions unequally"  # named in the message
