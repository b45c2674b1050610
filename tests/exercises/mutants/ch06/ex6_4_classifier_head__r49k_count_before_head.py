# MUTANT: counts before the new head, adds emb_dim x num_classes (no bias)
"""Exercise 6.4: a new classification head, freezing, and counting what trains."""

import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    count = sum(p.numel() for p in model.parameters() if p.requires_grad)
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    return count + emb_dim * num_classes


EXPECTED_CAUSE = "the new head's bias is not counted"
