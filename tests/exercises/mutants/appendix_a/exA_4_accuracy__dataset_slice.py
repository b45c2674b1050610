# MUTANT: scores dataloader.dataset in one pass, ignoring the loader (drop_last, sampler)
import torch


def compute_accuracy(model, dataloader):
    model.eval()
    ds = dataloader.dataset
    with torch.no_grad():
        xs = torch.stack([ds[i][0] for i in range(len(ds))])
        ys = torch.stack([torch.as_tensor(ds[i][1]) for i in range(len(ds))])
        predictions = torch.argmax(model(xs), dim=1)
    return (predictions == ys).sum().item() / len(ds)


EXPECTED_CAUSE = 'every example of dataloader.dataset'
