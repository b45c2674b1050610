# Mutant: loss summed over tokens and averaged over sequences (mean per sequence).
import torch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    optimizer.zero_grad()
    input_batch, target_batch = input_batch.to(device), target_batch.to(device)
    logits = model(input_batch)
    per_tok = torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten(),
                                                reduction="none")
    loss = per_tok.view(target_batch.shape).sum(dim=1).mean()
    loss.backward()
    optimizer.step()
    return loss.item()

EXPECTED_CAUSE = 'averaged over the sequences'
