import torch


def prepare_classifier(model, num_classes, trainable):
    for p in model.parameters():
        p.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    count = sum(p.numel() for p in model.out_head.parameters())
    if trainable == "last_block":
        for m in (model.trf_blocks[-1], model.final_norm):
            for p in m.parameters():
                p.requires_grad = True
        count += sum(p.numel() for p in model.trf_blocks[-1].parameters())
    if trainable == "all":
        count = sum(p.numel() for p in model.parameters())
    return count


EXPECTED_CAUSE = "32 short"
