# MUTANT: the old vocabulary head is kept on the model as model.lm_head, so it stays one of the
# model's parameters (and 'all' trains and counts it)
import torch

EXPECTED_CAUSE = "is the old head's weight, kept on the model"


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    model.lm_head = model.out_head  # keep the language-model head for later
    model.out_head = torch.nn.Linear(model.lm_head.in_features, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
