# MUTANT: the global RNG reseeded (torch.manual_seed(123)) before building the head
"""Exercise 6.4 (solution): a new classification head, freezing, and counting what trains."""

import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    torch.manual_seed(123)
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)  # new: trainable by default
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'reseeds the global generator'
