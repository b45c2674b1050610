# MUTANT: the new head initialised with zeros instead of Linear's default init
"""Exercise 6.4 (solution): a new classification head, freezing, and counting what trains."""

import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    torch.nn.init.zeros_(model.out_head.weight)
    torch.nn.init.zeros_(model.out_head.bias)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'all zero'
