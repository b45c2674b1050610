# Correct: position ids expanded to the batch shape (unsqueeze(0).expand), torch.add
import torch


def input_embeddings(token_ids, token_embedding_layer, pos_embedding_layer):
    batch_size, num_tokens = token_ids.size()
    position_ids = torch.arange(num_tokens, dtype=torch.long, device=token_ids.device)
    position_ids = position_ids.unsqueeze(0).expand(batch_size, -1)  # (batch, num_tokens)
    return torch.add(token_embedding_layer(token_ids), pos_embedding_layer(position_ids))
