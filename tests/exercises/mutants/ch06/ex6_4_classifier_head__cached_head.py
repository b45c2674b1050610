import torch

_HEAD = {}


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    if "head" not in _HEAD:
        _HEAD["head"] = torch.nn.Linear(model.out_head.in_features, num_classes)
    model.out_head = _HEAD["head"]
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            module.requires_grad_(True)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "the very same head MODULE"
