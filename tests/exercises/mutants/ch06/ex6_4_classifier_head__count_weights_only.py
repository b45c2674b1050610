# MUTANT: counts only parameters named weight (biases and norm shifts left out of the count)
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for n, p in model.named_parameters() if p.requires_grad and "weight" in n)


EXPECTED_CAUSE = "counted only the parameters named 'weight'"
