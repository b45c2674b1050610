# MUTANT: "last_layer" also unfreezes the last transformer block (only final_norm is tied to
# last_block)
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable in ("last_layer", "last_block"):
        for param in model.trf_blocks[-1].parameters():
            param.requires_grad = True
    if trainable == "last_block":
        for param in model.final_norm.parameters():
            param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "with 'last_layer': only out_head trains"
