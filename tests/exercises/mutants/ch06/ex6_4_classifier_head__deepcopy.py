# MUTANT: works on a copy of the model (the caller's model is left unchanged)
import copy

import torch


def prepare_classifier(model, num_classes, trainable):
    model = copy.deepcopy(model)
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'a copy'
