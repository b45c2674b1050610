# MUTANT: the count in bytes (p.numel() * p.element_size()) instead of the number of parameters
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() * p.element_size() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "size in bytes"
