# MUTANT: a head with one output when num_classes is 2 (a sigmoid-style binary head)
import torch


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    # two classes need only one logit (spam probability = sigmoid of it)
    out_features = 1 if num_classes == 2 else num_classes
    model.out_head = torch.nn.Linear(emb_dim, out_features)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


EXPECTED_CAUSE = 'one output for two classes'
