# MUTANT: requires_grad set on the module (no effect): last block/final_norm stay frozen
"""Exercise 6.4 (solution): a new classification head, freezing, and counting what trains."""

import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)  # new: trainable by default
    if trainable == "last_block":
        model.trf_blocks[-1].requires_grad = True
        model.final_norm.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "setting requires_grad on a module"
