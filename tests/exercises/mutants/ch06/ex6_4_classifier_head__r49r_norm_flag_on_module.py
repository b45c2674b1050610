# MUTANT: unfreezes final_norm with model.final_norm.requires_grad = True (a module attribute)
"""Exercise 6.4 (solution): a new classification head, freezing, and counting what trains.

Its "all" option is book exercise 6.2.
"""

import torch

EXPECTED_CAUSE = "on the MODULE"


def prepare_classifier(model, num_classes, trainable):
    """Turn a ``GPTModel`` into a classifier in place; return how many parameters train.

    ``trainable``: "last_layer" (only the new head), "last_block" (head, ``final_norm`` and the
    last transformer block) or "all" (every parameter).
    """
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)  # new: trainable by default
    if trainable == "last_block":
        model.final_norm.requires_grad = True
        for module in (model.trf_blocks[-1],):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
