# MUTANT: unfreezes only final_norm.scale (its shift stays frozen)
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for param in model.trf_blocks[-1].parameters():
            param.requires_grad = True
        model.final_norm.scale.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'only its scale was unfrozen'
