# MUTANT: the count summed over trf_blocks, final_norm and out_head only: with 'all' the
# embeddings train but are left out
import torch

EXPECTED_CAUSE = "the size of tok_emb and pos_emb together"


def prepare_classifier(model, num_classes, trainable):
    for param in model.parameters():
        param.requires_grad = trainable == "all"
    emb_dim = model.out_head.in_features
    model.out_head = torch.nn.Linear(emb_dim, num_classes)
    if trainable == "last_block":
        for module in (model.trf_blocks[-1], model.final_norm):
            for param in module.parameters():
                param.requires_grad = True
    parts = (model.trf_blocks, model.final_norm, model.out_head)
    return sum(p.numel() for part in parts for p in part.parameters() if p.requires_grad)
