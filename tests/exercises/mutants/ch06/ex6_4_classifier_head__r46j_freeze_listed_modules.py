# MUTANT: 'last_block' freezes a list of modules (embeddings, the blocks but the last) and never
# unfreezes the last block and final_norm, so a model that arrives frozen keeps them frozen
import torch

EXPECTED_CAUSE = "this model arrived frozen"


def prepare_classifier(model, num_classes, trainable):
    model.out_head = torch.nn.Linear(model.out_head.in_features, num_classes)
    if trainable == "last_layer":
        frozen = [model.tok_emb, model.pos_emb, *model.trf_blocks, model.final_norm]
    elif trainable == "last_block":
        frozen = [model.tok_emb, model.pos_emb, *model.trf_blocks[:-1]]
    else:
        frozen = []
    for module in frozen:
        for param in module.parameters():
            param.requires_grad = False
    if trainable == "all":
        for param in model.parameters():
            param.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
