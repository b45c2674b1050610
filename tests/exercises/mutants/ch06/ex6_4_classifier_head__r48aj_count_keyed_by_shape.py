# MUTANT: the count kept in a dict keyed by the parameter's shape, so tensors of one shape
# (the query, key and value weights, every (emb_dim,) vector) count once
import torch

EXPECTED_CAUSE = "one size per tensor shape"


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    sizes = {tuple(p.shape): p.numel() for p in model.parameters() if p.requires_grad}
    return sum(sizes.values())
