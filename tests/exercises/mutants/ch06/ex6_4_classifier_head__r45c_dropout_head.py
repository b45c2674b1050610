# MUTANT: the new head is Sequential(Dropout, Linear), not the Linear the stub asks for
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Sequential(torch.nn.Dropout(0.1),
                                         torch.nn.Linear(emb_dim, num_classes))
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)

EXPECTED_CAUSE = "out_head is a Sequential; expected a new nn.Linear"
