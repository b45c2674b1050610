# MUTANT: only Linear, Embedding and LayerNorm modules counted (BatchNorm, Conv1d, custom skipped)
import torch.nn as nn


def count_parameters(model):
    total = 0
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Embedding, nn.LayerNorm)):
            total += sum(p.numel() for p in m.parameters(recurse=False) if p.requires_grad)
    return total


EXPECTED_CAUSE = 'only some layer types'  # the check's message must name this
