import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for param in model.trf_blocks[-1].parameters():
            param.requires_grad = True
        model.final_norm.weight.requires_grad = True
        model.final_norm.bias.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'names its parameters scale and shift'
