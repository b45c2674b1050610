import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.named_parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            module.requires_grad_(True)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "(name, parameter) PAIRS"
