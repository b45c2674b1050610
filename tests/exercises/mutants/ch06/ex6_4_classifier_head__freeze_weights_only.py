# MUTANT: freezes only parameters named "weight": biases (and norm shifts) stay trainable
import torch


def prepare_classifier(model, num_classes, trainable):
    if trainable != "all":
        for name, param in model.named_parameters():
            if "weight" in name:
                param.requires_grad = False
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = "named 'weight'"
