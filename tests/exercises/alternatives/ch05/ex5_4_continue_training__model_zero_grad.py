# Correct: model.zero_grad() (the optimizer holds the model's parameters), states loaded in a loop,
# itertools.chain over the epochs
import itertools

import torch

from llmscratch import calc_loss_batch


def continue_training(checkpoint_path, model, optimizer, train_loader, device, num_epochs=1):
    checkpoint = torch.load(checkpoint_path, map_location=device, weights_only=True)
    for target, key in ((model, "model_state_dict"), (optimizer, "optimizer_state_dict")):
        target.load_state_dict(checkpoint[key])
    model.train()
    losses = []
    batches = itertools.chain.from_iterable(train_loader for _ in range(num_epochs))
    for input_batch, target_batch in batches:
        model.zero_grad()
        loss = calc_loss_batch(input_batch, target_batch, model, device)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
