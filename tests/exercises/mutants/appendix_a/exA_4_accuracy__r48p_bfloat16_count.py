# MUTANT: the right predictions counted in bfloat16 before the division (a bfloat16 sum), so
#         the fraction keeps bfloat16's 2 to 3 significant digits
import torch

EXPECTED_CAUSE = "your fraction was computed in bfloat16"


def compute_accuracy(model, dataloader):
    model.eval()
    hits = []
    with torch.no_grad():
        for features, labels in dataloader:
            hits.append(model(features).argmax(dim=1) == labels)
    return torch.cat(hits).to(torch.bfloat16).mean().item()
