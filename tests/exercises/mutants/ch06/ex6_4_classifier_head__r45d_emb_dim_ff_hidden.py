# MUTANT: emb_dim read from the feed-forward hidden width (4 x emb_dim; named by the fallback)
import torch

EXPECTED_CAUSE = "is 4 x emb_dim"


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.trf_blocks[0].ff.layers[0].out_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
