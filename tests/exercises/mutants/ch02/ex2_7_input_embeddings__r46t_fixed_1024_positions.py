# MUTANT: positions sliced from a torch.arange(1024) made once at import (GPT-2's context
# length), so a sequence longer than 1,024 tokens gets only 1,024 position rows
import torch

EXPECTED_CAUSE = "the number of positions stops at 1,024"

_POSITIONS = torch.arange(1024)


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    positions = _POSITIONS[: token_ids.shape[1]].to(token_ids.device)
    return token_embedding_layer(token_ids) + pos_embedding_layer(positions)
