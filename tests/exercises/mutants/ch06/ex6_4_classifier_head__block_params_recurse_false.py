# MUTANT: unfreezes the last block with parameters(recurse=False): it has none of its own
import torch


def prepare_classifier(model, num_classes, trainable):
    for p in model.parameters():
        p.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for p in module.parameters(recurse=False):
                p.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "parameters(recurse=False) skips the submodules"
