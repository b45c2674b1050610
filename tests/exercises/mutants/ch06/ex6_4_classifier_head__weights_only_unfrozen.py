import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for name, p in model.trf_blocks[-1].named_parameters():
            if 'weight' in name:
                p.requires_grad = True
        for p in model.final_norm.parameters():
            p.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "only the parameters named 'weight' were unfrozen"
