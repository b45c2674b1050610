# MUTANT: each parameter counted as shape[0] * shape[-1] (a 1-D bias of n counts n*n)
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.shape[0] * p.shape[-1] for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "as shape[0] x shape[-1]"
