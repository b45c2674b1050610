# MUTANT: the new head's in_features typed as 768 (GPT-2 small's emb_dim)
"""Exercise 6.4 (solution): a new classification head, freezing, and counting what trains.

Its "all" option is book exercise 6.2.
"""

import torch


def prepare_classifier(model, num_classes, trainable):
    """Turn a ``GPTModel`` into a classifier in place; return how many parameters train.

    ``trainable``: "last_layer" (only the new head), "last_block" (head, ``final_norm`` and the
    last transformer block) or "all" (every parameter).
    """
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(768, num_classes)  # new: trainable by default
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "768 is GPT-2 small's emb_dim"
