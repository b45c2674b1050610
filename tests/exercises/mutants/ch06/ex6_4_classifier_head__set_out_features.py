import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.out_head.out_features = num_classes
    model.out_head.weight.requires_grad = True
    if trainable == "last_block":
        for m in (model.trf_blocks[-1], model.final_norm):
            for p in m.parameters():
                p.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "setting out_head.out_features only changes a number"
