# MUTANT: the token embedding frozen inside the step (requires_grad_(False)), so it never trains;
# no replay matches: the fallback names the weight tensor that never moved
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    model.tok_emb.weight.requires_grad_(False)
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = "tok_emb.weight never moved"
