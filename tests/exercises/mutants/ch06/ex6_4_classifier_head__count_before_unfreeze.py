# MUTANT: counts the trainable parameters before unfreezing the last block and final_norm
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    count = sum(p.numel() for p in model.parameters() if p.requires_grad)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return count


EXPECTED_CAUSE = 'before unfreezing'
