# MUTANT: one model.parameters() generator kept in a variable and iterated again for the count (0)
import torch


def prepare_classifier(model, num_classes, trainable):
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    params = model.parameters()
    for param in params:
        param.requires_grad = trainable == "all"
    for param in model.out_head.parameters():
        param.requires_grad = True
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in params if p.requires_grad)

EXPECTED_CAUSE = "iterated again for the count"
