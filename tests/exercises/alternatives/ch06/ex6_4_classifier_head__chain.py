# Correct: itertools.chain over the modules to unfreeze, bias=True spelled out, numel via a
# generator
import itertools

import torch
from torch import nn


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad_(trainable == "all")
    model.out_head = nn.Linear(in_features=model.out_head.in_features,
                               out_features=num_classes, bias=True)
    if trainable == "last_block":
        for param in itertools.chain(model.trf_blocks[-1].parameters(),
                                     model.final_norm.parameters()):
            param.requires_grad_(True)
    trainable_params = [p for p in model.parameters() if p.requires_grad]
    return int(sum(torch.tensor(p.numel()) for p in trainable_params))
