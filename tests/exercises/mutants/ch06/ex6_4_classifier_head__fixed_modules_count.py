import torch


def prepare_classifier(model, num_classes, trainable):
    for p in model.parameters():
        p.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for m in (model.trf_blocks[-1], model.final_norm):
            for p in m.parameters():
                p.requires_grad = True
    parts = (model.out_head, model.trf_blocks[-1], model.final_norm)
    return sum(p.numel() for m in parts for p in m.parameters())


EXPECTED_CAUSE = "that is the 'last_block' count"
