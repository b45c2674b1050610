import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.trf_blocks.parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for m in (model.trf_blocks[-1], model.final_norm):
            for p in m.parameters():
                p.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "only the transformer blocks were frozen"
