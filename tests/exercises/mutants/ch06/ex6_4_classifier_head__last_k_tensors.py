import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":  # the last block, final_norm and the head: 17 tensors
        for param in list(model.parameters())[-17:]:
            param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "fixed count of trailing"
