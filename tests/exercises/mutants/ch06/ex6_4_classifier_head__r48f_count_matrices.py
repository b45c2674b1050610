# MUTANT: only the 2-D parameters counted (p.dim() >= 2): the biases and LayerNorm scale and shift
# are left out
import torch

EXPECTED_CAUSE = "p.dim() > 1"


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad and p.dim() >= 2)
