# MUTANT: requires_grad = False set on param.data (a detached alias), so nothing is frozen
import torch

EXPECTED_CAUSE = "set requires_grad on param.data"


def prepare_classifier(model, num_classes, trainable):
    if trainable != "all":
        for param in model.parameters():
            param.data.requires_grad = False
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
