# MUTANT: embedding parameters left out (a "non-embedding" count)
import torch


def count_parameters(model):
    emb = {id(p) for m in model.modules() if isinstance(m, torch.nn.Embedding)
           for p in m.parameters()}
    return sum(p.numel() for p in model.parameters() if p.requires_grad and id(p) not in emb)


EXPECTED_CAUSE = "leaves out the embedding layers"
