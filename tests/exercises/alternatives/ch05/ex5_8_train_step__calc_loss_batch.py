# Correct: reuses llmscratch.calc_loss_batch for the loss, model.zero_grad() instead of the
# optimizer's
from llmscratch import calc_loss_batch


def train_step(model, optimizer, input_batch, target_batch, device):
    model.train()
    model.zero_grad()  # the optimizer holds the model's parameters: same gradients cleared
    loss = calc_loss_batch(input_batch, target_batch, model, device)
    loss.backward()
    optimizer.step()
    return loss.item()
