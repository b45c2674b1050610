# MUTANT: num_classes added to the trainable count by hand (the head's bias counted twice)
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
    return sum(p.numel() for p in model.parameters() if p.requires_grad) + num_classes

EXPECTED_CAUSE = "the size of out_head.bias (which trains: counted once more"
