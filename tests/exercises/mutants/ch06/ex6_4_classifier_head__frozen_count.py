import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for m in (model.trf_blocks[-1], model.final_norm):
            for p in m.parameters():
                p.requires_grad = True
    return sum(p.numel() for p in model.parameters() if not p.requires_grad)


EXPECTED_CAUSE = "number of FROZEN parameters"
